using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// The ledger and list statements must remove rows through their key, never by walking the table.
/// Npgsql prepares them, and PostgreSQL keeps the plan it made first: one made on a fresh
/// deployment, the table empty, filtered a scan of the whole table by row address, and kept
/// scanning it as it grew (27 ms a ledger write at 30,000 entries, even with nothing to remove).
/// Empty temporary tables of the same shape, which shadow the real ones for this connection,
/// play that fresh deployment.
/// </summary>
public sealed class RemovalPlanTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_ledger_write_reaches_the_entries_it_removes_by_their_key_while_the_table_looks_empty()
    {
        string[] ledgers = ["inventory/p-1"];
        int?[] expectedVersions = [3];
        byte[][] headers = [[1]];
        string[] entryLedgers = ["inventory/p-1", "inventory/p-1"];
        string[] entryKeys = ["o-1", "o-2"];
        byte[]?[] payloads = [[2], null];     // o-1 held, o-2 removed

        var scans = await ScansWhileEmpty(
            ["ledgers", "ledger_entries"], "ledger_entries", LedgerSql.Write,
            "service", ledgers, expectedVersions, headers, entryLedgers, entryKeys, payloads);

        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.Contains(scan, KeyedScans));
    }

    [Fact]
    public async Task A_list_change_reaches_the_entries_it_removes_by_their_key_while_the_table_looks_empty()
    {
        string[] lists = ["customer/c-1/orders", "customer/c-1/orders"];
        string[] entryKeys = ["o-1", "o-2"];
        byte[]?[] payloads = [[2], null];     // o-1 added, o-2 removed

        var scans = await ScansWhileEmpty(["grain_lists"], "grain_lists", ListSql.Change, "service", lists, entryKeys, payloads);

        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.Contains(scan, KeyedScans));
    }

    private static readonly string[] KeyedScans = ["Index Scan", "Index Only Scan", "Tid Scan"];

    /// <summary>The node types of every read of <paramref name="table"/> in the statement's plan, made over empty copies of <paramref name="tables"/>.</summary>
    private async Task<List<string>> ScansWhileEmpty(string[] tables, string table, string sql, params object?[] arguments) =>
        [.. (await QueryPlans.Nodes(
                db.Database,
                string.Concat(tables.Select(name => $"CREATE TEMPORARY TABLE {name} (LIKE public.{name} INCLUDING ALL);")),
                sql,
                arguments!))
            .ScansOf(table)
            .Select(scan => scan.GetProperty("Node Type").GetString()!)];
}
