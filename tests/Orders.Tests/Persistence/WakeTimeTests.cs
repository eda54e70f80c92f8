using Orleans.Storage;
using Orders.Grains.Orders;
using Orders.Grains.Wakes;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>A state's wake time is stored with it, and the storage says which grains are due.</summary>
public sealed class WakeTimeTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task A_state_is_due_once_its_wake_time_passes_and_no_longer_once_a_write_clears_it(string kind)
    {
        var (storage, store) = db.StorageOfKind<IDueGrains>(kind, (serviceId, database) => new PostgresDueGrains(serviceId, database));
        var now = DateTimeOffset.UtcNow;
        var (past, later, never) = (Order("past"), Order("later"), Order("never"));
        var pastState = new GrainState<OrderState>(new OrderState { WakeAt = now.AddMinutes(-1) });
        await storage.WriteStateAsync(OrderGrain.StateName, past, pastState);
        await storage.WriteStateAsync(OrderGrain.StateName, later, new GrainState<OrderState>(new OrderState { WakeAt = now.AddMinutes(1) }));
        await storage.WriteStateAsync(OrderGrain.StateName, never, new GrainState<OrderState>(new OrderState()));

        var dueNow = await store.Due(OrderGrain.StateName, now, limit: 10);
        pastState.State = pastState.State! with { WakeAt = null };
        await storage.WriteStateAsync(OrderGrain.StateName, past, pastState);
        var dueLater = await store.Due(OrderGrain.StateName, now.AddMinutes(2), limit: 10);

        Assert.Equal([past], dueNow);
        Assert.Equal([later], dueLater);
    }

    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task The_longest_due_come_first_and_no_more_than_asked(string kind)
    {
        var (storage, store) = db.StorageOfKind<IDueGrains>(kind, (serviceId, database) => new PostgresDueGrains(serviceId, database));
        var now = DateTimeOffset.UtcNow;
        var orders = Enumerable.Range(1, 5).Select(minutes => (Id: Order("due"), WakeAt: now.AddMinutes(-minutes))).ToList();
        foreach (var (id, wakeAt) in orders)
            await storage.WriteStateAsync(OrderGrain.StateName, id, new GrainState<OrderState>(new OrderState { WakeAt = wakeAt }));

        var due = await store.Due(OrderGrain.StateName, now, limit: 3);

        Assert.Equal(orders.OrderBy(order => order.WakeAt).Take(3).Select(order => order.Id), due);
    }

    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task States_due_within_one_second_come_in_the_order_of_their_times(string kind)
    {
        var (storage, store) = db.StorageOfKind<IDueGrains>(kind, (serviceId, database) => new PostgresDueGrains(serviceId, database));
        var now = DateTimeOffset.UtcNow;
        var second = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(-10);
        var orders = new[] { 400, 100, -2_000, 300, 200 }.Select(milliseconds => (Id: Order("due"), WakeAt: second.AddMilliseconds(milliseconds))).ToList();
        foreach (var (id, wakeAt) in orders)
            await storage.WriteStateAsync(OrderGrain.StateName, id, new GrainState<OrderState>(new OrderState { WakeAt = wakeAt }));

        var due = await store.Due(OrderGrain.StateName, now, limit: 3);

        Assert.Equal(orders.OrderBy(order => order.WakeAt).Take(3).Select(order => order.Id), due);
    }

    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task A_postponed_state_is_due_at_its_new_time_and_one_moved_on_since_keeps_its_own(string kind)
    {
        var (storage, store) = db.StorageOfKind<IDueGrains>(kind, (serviceId, database) => new PostgresDueGrains(serviceId, database));
        var now = DateTimeOffset.UtcNow;
        var (failed, movedOn) = (Order("failed"), Order("moved-on"));
        await storage.WriteStateAsync(OrderGrain.StateName, failed, new GrainState<OrderState>(new OrderState { WakeAt = now.AddMinutes(-1) }));
        await storage.WriteStateAsync(OrderGrain.StateName, movedOn, new GrainState<OrderState>(new OrderState { WakeAt = now.AddMinutes(5) }));

        await store.Postpone(OrderGrain.StateName, [failed, movedOn], due: now, until: now.AddMinutes(1));

        Assert.Empty(await store.Due(OrderGrain.StateName, now.AddSeconds(59), limit: 10));
        Assert.Equal([failed], await store.Due(OrderGrain.StateName, now.AddMinutes(1), limit: 10));
        Assert.Equal([failed, movedOn], await store.Due(OrderGrain.StateName, now.AddMinutes(5), limit: 10));
    }

    private static GrainId Order(string key) => GrainId.Create(OrderGrain.StateName, Unique.Id(key));
}
