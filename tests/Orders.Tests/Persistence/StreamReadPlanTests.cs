using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Persistence;

/// <summary>
/// A queue read must start at its reader's position through the index: under load most of a
/// queue's rows are behind that position, read and awaiting their ack, and a lagging queue holds
/// a long backlog ahead of it. A plan that walked the queue's rows from its first (an index
/// condition on the queue alone, the position a filter) would read all of those on every read;
/// one that walked the primary key took 36 ms on 200,000 rows in an earlier version of this read.
/// Here a planner told to avoid sequential scans and sorts stands in for one that prefers such a
/// walk. It plans over an empty copy of the table, as on a fresh deployment: over the shared test
/// table, whose rows and statistics the tests beside it keep changing, the same statement got a
/// different plan from one run to the next. The same holds for each queue's minutely eviction of
/// its old dead letters, which must not read every queue's letters, and for a silo's check of the
/// partition count as it starts, which must not read a backlog.
/// </summary>
public sealed class StreamReadPlanTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_queue_read_starts_at_the_read_position_through_an_index_condition()
    {
        var scans = await Scans("stream_events", StreamSql.Read, "service/events/0", "holder", 0L, 0L, 256, TimeSpan.FromSeconds(10));

        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.True(
            scan.Condition?.Contains("ROW(tx, id) >", StringComparison.Ordinal) == true,
            $"{scan.Type} on {scan.Index ?? "the table"} does not start at the read position: {scan.Condition ?? "no index condition"}"));
    }

    [Fact]
    public async Task Old_dead_letters_are_found_through_an_index_on_their_queue_and_age()
    {
        var scans = await Scans("stream_dead_letters", StreamSql.Evict, "service/events/0", TimeSpan.FromDays(1), TimeSpan.FromDays(30), 1000);

        var scan = Assert.Single(scans);
        Assert.True(
            scan.Condition?.Contains("queue =", StringComparison.Ordinal) == true && scan.Condition.Contains("dead_at <", StringComparison.Ordinal),
            $"{scan.Type} on {scan.Index ?? "the table"} reads more than the queue's old letters: {scan.Condition ?? "no index condition"}");
    }

    [Fact]
    public async Task An_eviction_looks_at_the_queues_oldest_events_through_the_index_not_at_its_whole_backlog()
    {
        var nodes = await QueryPlans.Nodes(db.Database, PlannerSetup, StreamSql.Evict, "service/events/0", TimeSpan.FromDays(1), TimeSpan.FromDays(30), 1000);

        var scans = nodes.ScansOf("stream_events").ToList();
        Assert.NotEmpty(scans);
        // The age is checked only on rows found by their id, the oldest few the queue's read order gave.
        Assert.All(scans.Where(scan => scan.TryGetProperty("Filter", out var filter) && filter.GetString()!.Contains("enqueued_at", StringComparison.Ordinal)), scan =>
            Assert.Contains("id =", scan.GetProperty("Index Cond").GetString(), StringComparison.Ordinal));
        Assert.Contains(nodes, node => node.GetProperty("Node Type").GetString() == "Limit");
    }

    [Fact]
    public async Task The_partition_count_check_finds_the_queues_holding_events_through_the_index_not_by_reading_them()
    {
        var scans = await Scans("stream_events", StreamSql.PartitionCount, "service/events", 8);

        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.True(
            scan.Condition?.Contains("queue >", StringComparison.Ordinal) == true && scan.Condition.Contains("queue <", StringComparison.Ordinal),
            $"{scan.Type} on {scan.Index ?? "the table"} reads the provider's events rather than probing for its queues: {scan.Condition ?? "no index condition"}"));
    }

    private const string PlannerSetup = "SET enable_seqscan = off; SET enable_sort = off; " +
        "CREATE TEMPORARY TABLE stream_events (LIKE public.stream_events INCLUDING ALL); " +
        "CREATE TEMPORARY TABLE stream_dead_letters (LIKE public.stream_dead_letters INCLUDING ALL)";

    private sealed record Scan(string Type, string? Index, string? Condition);

    /// <summary>Every read of <paramref name="table"/> in the statement's plan, with the index condition that bounds it.</summary>
    private async Task<List<Scan>> Scans(string table, string sql, params object[] arguments) =>
        [.. (await QueryPlans.Nodes(db.Database, PlannerSetup, sql, arguments))
            .ScansOf(table)
            .Select(scan => new Scan(
                scan.GetProperty("Node Type").GetString()!,
                scan.TryGetProperty("Index Name", out var index) ? index.GetString() : null,
                scan.TryGetProperty("Index Cond", out var condition) || scan.TryGetProperty("Recheck Cond", out condition) ? condition.GetString() : null))];
}
