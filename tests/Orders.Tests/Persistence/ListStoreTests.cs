using Orleans.Serialization;
using Orders.Grains.Customers;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>Grain lists share statements between concurrent changes; each change must still land in its own list, in order.</summary>
public sealed class ListStoreTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly PostgresListStore lists = new(Unique.Id("service"), db.Database, db.Serializer);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => lists.DisposeAsync().AsTask();

    [Fact]
    public async Task Concurrent_additions_and_removals_across_lists_each_land_in_their_own_list_in_order()
    {
        var names = Enumerable.Range(0, 20).Select(_ => Unique.Id("list")).ToList();
        var entries = names.ToDictionary(name => name, name => Enumerable.Range(0, 30).Select(index => $"{name}-order-{index}").ToList());

        // Each list has one writer, which waits for each change; the lists change side by side.
        await Task.WhenAll(entries.Select(async list =>
        {
            foreach (var id in list.Value)
                await lists.Add(list.Key, id, id);
        }));
        await Task.WhenAll(entries.SelectMany(list => list.Value.Where((_, index) => index % 3 == 0).Select(id => lists.Remove(list.Key, id))));

        foreach (var (name, ids) in entries)
            Assert.Equal(ids.Where((_, index) => index % 3 != 0), await lists.Read<string>(name));
    }

    [Fact]
    public async Task An_entry_added_again_stays_as_first_stored_and_other_services_do_not_see_it()
    {
        var name = Unique.Id("list");
        var first = new Notification(Guid.NewGuid(), "o1", NotificationKind.OrderPlaced, "placed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        await using var otherService = Store(Unique.Id("service"));
        await otherService.Add(name, "theirs", first with { OrderId = "theirs" });

        await lists.Add(name, first.Id.ToString(), first);
        await lists.Add(name, first.Id.ToString(), first with { ReceivedAt = DateTimeOffset.UnixEpoch.AddDays(1) });
        await lists.Add(name, "gone", first with { Id = Guid.NewGuid() });
        await lists.Remove(name, "gone");
        await lists.Remove(name, "gone");
        await lists.Remove(name, "never-added");

        Assert.Equal(first, Assert.Single(await lists.Read<Notification>(name)));
        Assert.Equal(["theirs"], (await otherService.Read<Notification>(name)).Select(entry => entry.OrderId));
        Assert.Empty(await lists.Read<Notification>(Unique.Id("list")));
    }

    private PostgresListStore Store(string serviceId) => new(serviceId, db.Database, db.Serializer);
}
