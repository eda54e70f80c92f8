using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Persistence;

/// <summary>
/// A queue read must reach its rows through an index condition, never by walking the table: under
/// load most rows are out with their reader, and a lagging queue holds a long backlog. A plan that
/// walked the primary key in id order looking for rows back from a reader took 36 ms on 200,000
/// rows; here a planner told to avoid sequential scans and sorts stands in for one that prefers
/// such a walk, as PostgreSQL does when the statement asks for ids in order with a limit. It plans
/// over an empty copy of the table, as on a fresh deployment: over the shared test table, whose
/// rows and statistics the tests beside it keep changing, the same statement got a different
/// plan from one run to the next.
/// </summary>
public sealed class StreamReadPlanTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{

    [Fact]
    public async Task A_queue_read_reaches_every_row_through_an_index_condition()
    {
        var scans = await StreamEventScans(StreamSql.Read, "service/events/0", 256, TimeSpan.FromMinutes(1), 10);

        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.True(scan.Bounded, $"{scan.Type} on {scan.Index ?? "the table"} walks rows without an index condition"));
    }

    private const string PlannerSetup =
        "SET enable_seqscan = off; SET enable_sort = off; CREATE TEMPORARY TABLE stream_events (LIKE public.stream_events INCLUDING ALL)";

    private sealed record Scan(string Type, string? Index, bool Bounded);

    /// <summary>Every read of stream_events in the statement's plan, and whether an index condition bounds it.</summary>
    private async Task<List<Scan>> StreamEventScans(string sql, params object[] arguments) =>
        [.. (await QueryPlans.Nodes(db.Database, PlannerSetup, sql, arguments))
            .ScansOf("stream_events")
            .Select(scan => new Scan(
                scan.GetProperty("Node Type").GetString()!,
                scan.TryGetProperty("Index Name", out var index) ? index.GetString() : null,
                scan.TryGetProperty("Index Cond", out _) || scan.TryGetProperty("Recheck Cond", out _)))];
}
