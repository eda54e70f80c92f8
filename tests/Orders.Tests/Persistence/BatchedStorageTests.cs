using Orleans.Serialization;
using Orleans.Storage;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// The grain storage shares statements between concurrent callers; each caller must still get
/// its own answer, and a conflict must fail only the write that conflicts.
/// </summary>
public sealed class BatchedStorageTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly string serviceId = Unique.Id("service");

    private PostgresGrainStorage storage = null!;

    public Task InitializeAsync()
    {
        storage = db.GrainStorage(serviceId);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => storage.DisposeAsync().AsTask();

    [Fact]
    public async Task Concurrent_writes_of_many_grains_each_land_with_their_own_version()
    {
        var states = Enumerable.Range(0, 300).Select(index => State(Unique.Id("grain"), $"value {index}")).ToList();

        await Task.WhenAll(states.Select(state => storage.WriteStateAsync("probe", state.Id, state.Grain)));
        await Task.WhenAll(states.Select(state => storage.WriteStateAsync("probe", state.Id, state.Grain)));
        var read = await Task.WhenAll(states.Select(async state =>
        {
            var fresh = new GrainState<string>();
            await storage.ReadStateAsync("probe", state.Id, fresh);
            return fresh;
        }));

        Assert.All(states, state => Assert.Equal("2", state.Grain.ETag));
        Assert.Equal(states.Select(state => state.Grain.State), read.Select(fresh => fresh.State));
        Assert.All(read, fresh => Assert.Equal("2", fresh.ETag));
    }

    [Fact]
    public async Task Each_statement_reports_the_requests_it_carried_and_how_long_they_waited_and_it_took()
    {
        using var readings = new MeterReadings();
        var states = Enumerable.Range(0, 300).Select(index => State(Unique.Id("grain"), $"value {index}")).ToList();

        await Task.WhenAll(states.Select(state => storage.WriteStateAsync("probe", state.Id, state.Grain)));

        var carried = readings.Of("orders.storage.statement.requests", "grain_state.write");
        Assert.True(carried.Sum() >= 300, $"{carried.Sum()} requests carried");
        Assert.Contains(carried, requests => requests > 1);
        Assert.True(readings.Of("orders.storage.queue.duration", "grain_state.write").Count >= 300);
        Assert.NotEmpty(readings.Of("orders.storage.statement.duration", "grain_state.write"));
        Assert.All(readings.Of("orders.storage.statement.duration", "grain_state.write"), seconds => Assert.True(seconds > 0));
    }

    /// <summary>A hot grain (a zone's dispatch) writes with almost every order: its version outgrows 32 bits.</summary>
    [Fact]
    public async Task A_grain_written_more_than_two_billion_times_goes_on_writing()
    {
        var grain = State(Unique.Id("grain"), "first");
        await storage.WriteStateAsync("probe", grain.Id, grain.Grain);
        await GrainStateTable.CountWrites(serviceId, "probe", grain.Id.ToString(), int.MaxValue);
        var read = new GrainState<string>();
        await storage.ReadStateAsync("probe", grain.Id, read);

        read.State = "later";
        await storage.WriteStateAsync("probe", grain.Id, read);

        Assert.Equal("2147483648", read.ETag);
    }

    [Fact]
    public async Task A_stale_write_fails_alone_while_the_writes_beside_it_succeed()
    {
        var contested = State(Unique.Id("grain"), "first");
        await storage.WriteStateAsync("probe", contested.Id, contested.Grain);
        var stale = new GrainState<string>("stale", contested.Grain.ETag);
        await storage.WriteStateAsync("probe", contested.Id, contested.Grain);        // moves the version on
        var neighbours = Enumerable.Range(0, 50).Select(index => State(Unique.Id("grain"), $"neighbour {index}")).ToList();

        var staleWrite = storage.WriteStateAsync("probe", contested.Id, stale);
        var neighbourWrites = Task.WhenAll(neighbours.Select(state => storage.WriteStateAsync("probe", state.Id, state.Grain)));

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await neighbourWrites;
        var stored = new GrainState<string>();
        await storage.ReadStateAsync("probe", contested.Id, stored);
        Assert.Equal(("first", "2"), (stored.State, stored.ETag));
        Assert.All(neighbours, state => Assert.Equal("1", state.Grain.ETag));
    }

    [Fact]
    public async Task Two_writers_of_one_grain_at_the_same_version_do_not_both_win()
    {
        var id = GrainId.Create("probe", Unique.Id("grain"));
        var first = new GrainState<string>("one");
        var second = new GrainState<string>("two");

        var outcomes = await Task.WhenAll(Attempt(id, first), Attempt(id, second));

        Assert.Equal(1, outcomes.Count(won => won));
    }

    private async Task<bool> Attempt(GrainId id, GrainState<string> state)
    {
        try
        {
            await storage.WriteStateAsync("probe", id, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private static (GrainId Id, GrainState<string> Grain) State(string key, string value) =>
        (GrainId.Create("probe", key), new GrainState<string>(value));
}
