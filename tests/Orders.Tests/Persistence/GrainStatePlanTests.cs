using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// The grain-state statements must reach each row by its key whatever PostgreSQL believes of the
/// table. A plan cached while the table was empty once joined every batch against a scan of the
/// whole table; here a planner told to avoid nested loops stands in for one that prefers that join.
/// </summary>
public sealed class GrainStatePlanTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly string[] StateNames = ["order", "order"];
    private static readonly string[] GrainIds = ["o-1", "o-2"];

    [Fact]
    public async Task A_batch_read_looks_up_each_grain_by_its_key()
    {
        var scans = await GrainStateScans(GrainStateSql.Read, "service", StateNames, GrainIds);

        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.Equal("Index Scan", scan));
    }

    [Fact]
    public async Task A_batch_write_scans_no_grain_state()
    {
        int?[] expectedVersions = [null, 3];
        byte[][] payloads = [[1], [2]];
        string[] queues = ["service/events/0", "service/events/1"];
        string[] streamNamespaces = ["payment", "customer"];
        string[] streamKeys = ["o-1", "c-1"];

        var scans = await GrainStateScans(
            GrainStateSql.Write, "service", StateNames, GrainIds, expectedVersions, payloads,
            StateNames, GrainIds, queues, streamNamespaces, streamKeys, payloads, StateNames.Select(_ => (DateTimeOffset?)null).ToArray(),
            StateNames, GrainIds, streamNamespaces, streamKeys, payloads);

        Assert.Empty(scans);
    }

    /// <summary>The node types of every read of grain_state in the statement's plan.</summary>
    private async Task<List<string>> GrainStateScans(string sql, params object[] arguments) =>
        [.. (await QueryPlans.Nodes(db.Database, "SET enable_nestloop = off", sql, arguments))
            .ScansOf("grain_state")
            .Select(scan => scan.GetProperty("Node Type").GetString()!)];
}
