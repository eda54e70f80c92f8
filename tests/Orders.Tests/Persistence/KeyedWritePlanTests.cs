using System.Text.Json;
using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Reminders;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Persistence;

/// <summary>
/// Statements that remove or change rows they name by key must reach them through the key, never
/// by walking the table. Npgsql prepares them, and PostgreSQL keeps the plan it made first: one
/// made on a fresh deployment, the table empty, found the rows by scanning the whole table, and
/// kept scanning it as it grew (a ledger write took 27 ms at 30,000 entries, even with nothing
/// to remove). Empty temporary tables of the same shape, which shadow the real ones for this
/// connection, play that fresh deployment.
/// </summary>
public sealed class KeyedWritePlanTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_ledger_write_reaches_the_entries_it_removes_by_their_key()
    {
        string[] ledgers = ["inventory/p-1"];
        int?[] expectedVersions = [3];
        byte[][] headers = [[1]];
        string[] entryLedgers = ["inventory/p-1", "inventory/p-1"];
        string[] entryKeys = ["o-1", "o-2"];
        byte[]?[] payloads = [[2], null];     // o-1 held, o-2 removed
        DateTimeOffset?[] wakes = [null];

        await AssertKeyed(["ledgers", "ledger_entries"], "ledger_entries", ["entry_key"], LedgerSql.Write,
            "service", ledgers, expectedVersions, headers, entryLedgers, entryKeys, payloads, wakes);
    }

    [Fact]
    public async Task The_grains_a_list_holds_are_read_through_its_own_indexes() =>
        await AssertKeyed(["grain_state"], "grain_state", ["listed_in", "waiting_in"], GrainStateSql.Listed, "service", "customer/c-1/orders");

    [Fact]
    public async Task The_states_a_list_holds_are_read_through_its_index() =>
        await AssertKeyed(["grain_state"], "grain_state", ["listed_in"], GrainStateSql.StatesListedIn, "service", "customer/c-1/orders", "order");

    [Fact]
    public async Task A_queue_ack_reaches_its_events_by_their_key() =>
        await AssertKeyed(["stream_events"], "stream_events", ["id"], StreamSql.Ack, new long[] { 1, 2 });

    [Fact]
    public async Task A_reminder_removal_reaches_its_reminders_by_their_key()
    {
        string[] grainIds = ["order/o-1", "order/o-2"];
        string[] names = ["timeout", "timeout"];
        int[] versions = [0, 2];

        await AssertKeyed(["reminders"], "reminders", ["grain_id"], ReminderSql.Remove, "service", grainIds, names, versions);
    }

    /// <summary>
    /// Every read of <paramref name="table"/> in the statement's generic plan, made over empty copies
    /// of <paramref name="tables"/>, fetches rows by address or through an index condition on
    /// one of <paramref name="keys"/> (a condition on the service alone would read all its rows).
    /// </summary>
    private async Task AssertKeyed(string[] tables, string table, string[] keys, string sql, params object?[] arguments)
    {
        var scans = (await QueryPlans.GenericPlanNodes(
                db.Database,
                string.Concat(tables.Select(name => $"CREATE TEMPORARY TABLE {name} (LIKE public.{name} INCLUDING ALL);")),
                sql,
                arguments!))
            .ScansOf(table)
            .ToList();

        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.True(
            scan.GetProperty("Node Type").GetString() == "Tid Scan" || keys.Any(key => IndexCondition(scan).Contains($"{key} = ", StringComparison.Ordinal)),
            $"{scan.GetProperty("Node Type").GetString()} of {table} is not bounded by {string.Join(" or ", keys)}: {IndexCondition(scan)}"));
    }

    /// <summary>The index condition of an index scan, or the recheck condition of a bitmap heap scan (its index's).</summary>
    private static string IndexCondition(JsonElement scan) =>
        scan.TryGetProperty("Index Cond", out var index) ? index.GetString()!
        : scan.TryGetProperty("Recheck Cond", out var recheck) ? recheck.GetString()!
        : "";
}
