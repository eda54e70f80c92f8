using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// The grain-state statements must reach each row by its key whatever PostgreSQL believes of the
/// table. A plan cached while the table was empty once joined every batch against a scan of the
/// whole table; here a planner told to avoid nested loops stands in for one that prefers that join.
/// </summary>
public sealed class GrainStatePlanTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly string[] StateNames = ["order", "order"];

    private readonly string serviceId = Unique.Id("service");
    private readonly string[] grainIds = [Unique.Id("o"), Unique.Id("o")];
    private readonly string ballast = Unique.Id("ballast");

    /// <summary>
    /// A table of a few pages is rightly read whole for one row; a deployment's is not. So the
    /// planner is shown a table of some size, whatever the tests before this one left in it.
    /// </summary>
    public async Task InitializeAsync()
    {
        await using var fill = db.Database.Statement(
            "INSERT INTO grain_state (service_id, state_name, grain_id, version, payload) SELECT $1, 'order', 'o-' || n, 1, '\\x00' FROM generate_series(1, 20000) AS n",
            ballast);
        await fill.ExecuteNonQueryAsync();
        await using var analyze = db.Database.Statement("ANALYZE grain_state");
        await analyze.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await using var clear = db.Database.Statement("DELETE FROM grain_state WHERE service_id = $1", ballast);
        await clear.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_batch_read_looks_up_each_grain_by_its_key()
    {
        var scans = await GrainStateScans(GrainStateSql.Read, serviceId, StateNames, grainIds);

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
            GrainStateSql.Write, serviceId, StateNames, grainIds, expectedVersions, payloads,
            StateNames, grainIds, queues, streamNamespaces, streamKeys, payloads, StateNames.Select(_ => (DateTimeOffset?)null).ToArray(),
            StateNames, grainIds, streamNamespaces, streamKeys, payloads, streamKeys, StateNames.Select(_ => (string?)null).ToArray());

        Assert.Empty(scans);
    }

    /// <summary>The node types of every read of grain_state in the statement's plan.</summary>
    private async Task<List<string>> GrainStateScans(string sql, params object[] arguments) =>
        [.. (await QueryPlans.Nodes(db.Database, "SET enable_nestloop = off", sql, arguments))
            .ScansOf("grain_state")
            .Select(scan => scan.GetProperty("Node Type").GetString()!)];
}
