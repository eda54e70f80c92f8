using Orleans.Storage;
using Orders.Grains.Inventory;
using Orders.Grains.Ledgers;
using Orders.Silo.Memory;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// A ledger's header and changed entries land together or not at all, fenced by the version;
/// the same contract in PostgreSQL and in dev mode's process.
/// </summary>
public sealed class LedgerStoreTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly string serviceId = Unique.Id("service");

    private PostgresLedgerStore postgres = null!;

    private static readonly string[] EntryKeys = ["a1", "a2", "b1", "b2"];

    public static TheoryData<string> Stores => ["postgres", "in-process"];

    public Task InitializeAsync()
    {
        postgres = new(serviceId, db.Database, db.Serializer);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => postgres.DisposeAsync().AsTask();

    /// <summary>A hot product's stock writes its ledger with almost every order: its version outgrows 32 bits.</summary>
    [Fact]
    public async Task A_ledger_written_more_than_two_billion_times_goes_on_writing()
    {
        var name = Unique.Id("ledger");
        await postgres.Write(name, null, Level(1), Changes(("o1", Hold(2))));
        await LedgerTable.CountWrites(serviceId, name, int.MaxValue);
        var read = await postgres.Read<StockLevel, StockHold>(name);

        var next = await postgres.Write(name, read!.Version, Level(2), Changes(("o1", null)));

        Assert.Equal(2_147_483_648L, next);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_write_stores_the_header_and_only_the_entries_it_names(string kind)
    {
        var store = Store(kind);
        var name = Unique.Id("ledger");

        var first = await store.Write(name, null, Level(1), Changes(("o1", Hold(2)), ("o2", Hold(3)), ("o3", Hold(4))));
        var second = await store.Write(name, first, Level(2), Changes(("o1", Hold(5)), ("o2", null)));
        var stored = await store.Read<StockLevel, StockHold>(name);

        Assert.Equal((1, 2), (first, second));
        Assert.Equal(second, stored!.Version);
        Assert.Equal(Level(2), stored.Header);
        Assert.Equal(
            new Dictionary<string, StockHold> { ["o1"] = Hold(5), ["o3"] = Hold(4) },
            stored.Entries.ToDictionary());
        Assert.Null(await store.Read<StockLevel, StockHold>(Unique.Id("ledger")));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_write_from_a_stale_version_is_refused_and_changes_neither_header_nor_entries(string kind)
    {
        var store = Store(kind);
        var name = Unique.Id("ledger");
        var version = await store.Write(name, null, Level(1), Changes(("o1", Hold(1))));
        await store.Write(name, version, Level(2), Changes(("o2", Hold(2))));

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Write(name, version, Level(99), Changes(("o1", null), ("o3", Hold(3)))));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Write(name, null, Level(99), Changes(("o4", Hold(4)))));
        var stored = await store.Read<StockLevel, StockHold>(name);

        Assert.Equal((2, Level(2)), (stored!.Version, stored.Header));
        Assert.Equal(["o1", "o2"], stored.Entries.Keys.Order());
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_write_stores_its_wake_time_and_the_ledgers_due_are_found_by_it_the_longest_due_first(string kind)
    {
        var store = Store(kind);
        var noon = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var (early, late, never) = (Unique.Id("ledger"), Unique.Id("ledger"), Unique.Id("ledger"));
        var earlyVersion = await store.Write(early, null, Level(1), Changes(), wakeAt: noon.AddSeconds(10));
        await store.Write(late, null, Level(1), Changes(), wakeAt: noon.AddMinutes(1));
        await store.Write(never, null, Level(1), Changes());

        Assert.Empty(await store.Due(noon, limit: 10));
        Assert.Equal([early], await store.Due(noon.AddSeconds(30), limit: 10));
        Assert.Equal([early, late], await store.Due(noon.AddMinutes(2), limit: 10));
        Assert.Equal([early], await store.Due(noon.AddMinutes(2), limit: 1));
        Assert.Equal(noon.AddMinutes(1), (await store.Read<StockLevel, StockHold>(late))!.WakeAt);

        await store.Write(early, earlyVersion, Level(2), Changes());

        Assert.Equal([late], await store.Due(noon.AddMinutes(2), limit: 10));
        Assert.Null((await store.Read<StockLevel, StockHold>(early))!.WakeAt);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_postponed_ledger_is_due_at_its_new_time_and_one_moved_on_since_keeps_its_own(string kind)
    {
        var store = Store(kind);
        var noon = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var (failed, movedOn) = (Unique.Id("ledger"), Unique.Id("ledger"));
        await store.Write(failed, null, Level(1), Changes(), wakeAt: noon);
        await store.Write(movedOn, null, Level(1), Changes(), wakeAt: noon.AddMinutes(5));

        await store.Postpone([failed, movedOn], due: noon, until: noon.AddMinutes(1));

        Assert.Empty(await store.Due(noon.AddSeconds(59), limit: 10));
        Assert.Equal([failed], await store.Due(noon.AddMinutes(1), limit: 10));
        Assert.Equal(noon.AddMinutes(5), (await store.Read<StockLevel, StockHold>(movedOn))!.WakeAt);
    }

    [Fact]
    public async Task Concurrent_writes_of_many_ledgers_each_land_in_their_own_ledger_and_service()
    {
        var names = Enumerable.Range(0, 40).Select(_ => Unique.Id("ledger")).ToList();
        await using var otherService = PostgresStore(Unique.Id("service"));
        await otherService.Write(names[0], null, Level(7), Changes(("theirs", Hold(7))));

        // Each ledger has one writer, which waits for each write; the ledgers write side by side.
        await Task.WhenAll(names.Select(async name =>
        {
            long? version = null;
            for (var step = 1; step <= 10; step++)
                version = await postgres.Write(name, version, Level(step), Changes(($"{name}-o{step}", Hold(step)), ($"{name}-o{step - 1}", null)));
        }));

        foreach (var name in names)
        {
            var stored = await postgres.Read<StockLevel, StockHold>(name);
            Assert.Equal((10, Level(10)), (stored!.Version, stored.Header));
            Assert.Equal(new Dictionary<string, StockHold> { [$"{name}-o10"] = Hold(10) }, stored.Entries.ToDictionary());
        }
        Assert.Equal(["theirs"], (await otherService.Read<StockLevel, StockHold>(names[0]))!.Entries.Keys);
    }

    [Fact]
    public async Task In_one_statement_a_conflicting_ledger_keeps_its_entries_while_the_other_lands()
    {
        var serviceId = Unique.Id("service");
        await using var store = PostgresStore(serviceId);
        var (stale, current) = (Unique.Id("ledger"), Unique.Id("ledger"));
        var staleVersion = await store.Write(stale, null, Level(1), Changes(("a1", Hold(1))));
        await store.Write(stale, staleVersion, Level(2), Changes());
        var currentVersion = await store.Write(current, null, Level(1), Changes(("b1", Hold(1))));

        // Both writes in one statement, as the batcher sends writes that meet.
        byte[] header = db.Serializer.SerializeToArray(Level(3));
        await using var command = db.Database.Statement(
            LedgerSql.Write,
            serviceId,
            new[] { stale, current },
            new long?[] { staleVersion, currentVersion },
            new[] { header, header },
            new[] { stale, stale, current, current },
            EntryKeys,
            new[] { null, db.Serializer.SerializeToArray(Hold(2)), null, db.Serializer.SerializeToArray(Hold(2)) },
            new DateTimeOffset?[] { null, null });
        var landed = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                landed.Add(reader.GetString(0));
        }

        Assert.Equal([current], landed);
        Assert.Equal(new Dictionary<string, StockHold> { ["a1"] = Hold(1) }, (await store.Read<StockLevel, StockHold>(stale))!.Entries.ToDictionary());
        Assert.Equal(new Dictionary<string, StockHold> { ["b2"] = Hold(2) }, (await store.Read<StockLevel, StockHold>(current))!.Entries.ToDictionary());
    }

    private ILedgerStore Store(string kind) => kind == "postgres" ? postgres : new InProcessLedgerStore();

    private PostgresLedgerStore PostgresStore(string serviceId) => new(serviceId, db.Database, db.Serializer);

    private static StockLevel Level(int onHand) => new(onHand, 0, 0, onHand);

    private static StockHold Hold(int quantity) => new(quantity, new DateTimeOffset(2026, 12, 6, 12, 5, 0, TimeSpan.Zero));

    private static Dictionary<string, StockHold?> Changes(params (string Key, StockHold? Entry)[] changes) =>
        changes.ToDictionary(change => change.Key, change => change.Entry);
}
