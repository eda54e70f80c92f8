using Orders.Grains.Customers;
using Orders.Grains.Lists;
using Orders.Silo.Memory;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// Grain lists share statements between concurrent changes; each change must still land in its
/// own list, in order. The same contract in PostgreSQL and in dev mode's process.
/// </summary>
public sealed class ListStoreTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly PostgresListStore postgres = new(Unique.Id("service"), db.Database, db.Serializer);

    public static TheoryData<string> Stores => ["postgres", "in-process"];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => postgres.DisposeAsync().AsTask();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Concurrent_additions_across_lists_each_land_in_their_own_list_in_order(string kind)
    {
        var lists = Store(kind);
        var names = Enumerable.Range(0, 20).Select(_ => Unique.Id("list")).ToList();
        var entries = names.ToDictionary(name => name, name => Enumerable.Range(0, 30).Select(index => $"{name}-order-{index}").ToList());

        // Each list has one writer, which waits for each change; the lists change side by side.
        await Task.WhenAll(entries.Select(async list =>
        {
            foreach (var id in list.Value)
                await lists.Add(list.Key, id, id);
        }));

        foreach (var (name, ids) in entries)
            Assert.Equal(ids, await lists.Read<string>(name));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_entry_added_again_stays_as_first_stored_in_its_place(string kind)
    {
        var lists = Store(kind);
        var name = Unique.Id("list");
        var first = Placed("o1");
        var last = Placed("o3");

        await lists.Add(name, first.Id.ToString(), first);
        await lists.Add(name, first.Id.ToString(), first with { ReceivedAt = DateTimeOffset.UnixEpoch.AddDays(1) });
        await lists.Add(name, last.Id.ToString(), last);
        await lists.Add(name, first.Id.ToString(), first with { ReceivedAt = DateTimeOffset.UnixEpoch.AddDays(2) });

        Assert.Equal([first, last], (await lists.Read<Notification>(name)).AsEnumerable());
        Assert.Empty(await lists.Read<Notification>(Unique.Id("list")));
    }

    [Fact]
    public async Task Other_services_do_not_see_a_list()
    {
        var name = Unique.Id("list");
        await using var otherService = PostgresStore(Unique.Id("service"));
        await otherService.Add(name, "theirs", Placed("theirs"));

        await postgres.Add(name, "ours", Placed("ours"));

        Assert.Equal(["theirs"], (await otherService.Read<Notification>(name)).Select(entry => entry.OrderId));
        Assert.Equal(["ours"], (await postgres.Read<Notification>(name)).Select(entry => entry.OrderId));
    }

    private IListStore Store(string kind) => kind == "postgres" ? postgres : new InProcessListStore();

    private PostgresListStore PostgresStore(string serviceId) => new(serviceId, db.Database, db.Serializer);

    private static Notification Placed(string orderId) =>
        new(Guid.NewGuid(), orderId, NotificationKind.OrderPlaced, "placed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
