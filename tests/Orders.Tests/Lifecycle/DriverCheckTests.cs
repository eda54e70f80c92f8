using Orders.Grains.Delivery;
using Orders.Grains.Orders;

namespace Orders.Tests.Lifecycle;

/// <summary>
/// Dispatch hears of an accepted order from its OrderAccepted, and of a driver done from the
/// delivery. An order waiting for a driver asks dispatch, every
/// <see cref="Orders.Grains.LifecycleOptions.DriverCheck"/>, whether it has it: dispatch then takes
/// it on, and, with no driver free, asks its busy drivers' orders whether they ended, so events
/// lost to the dead letters leave neither the order off the board nor a driver busy for good.
/// </summary>
public sealed class DriverCheckTests
{
    [Fact]
    public async Task A_waiting_order_dispatch_never_heard_of_gets_the_driver_whose_delivery_it_never_heard_of_either()
    {
        await using var cluster = await Cluster();
        var (shop, zone, pizza) = await RestaurantThatAcceptsAndCooksAtOnce(cluster);
        var driverId = await shop.Driver(zone);
        var first = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => Order(cluster, first).Get(), order => order!.Status == OrderStatus.Ready && order.DriverId == driverId);

        // Dispatch loses the first order's DELIVERED, then the second order's acceptance.
        await LosingDispatchsNextEvent(zone, async () =>
        {
            foreach (var step in new[] { DeliveryStatus.PickedUp, DeliveryStatus.OutForDelivery, DeliveryStatus.Delivered })
                Assert.False((await Order(cluster, first).UpdateDelivery(step)).IsRefused);
        });
        var second = "";
        await LosingDispatchsNextEvent(zone, async () => second = await shop.Order(Unique.Id("customer"), pizza));
        var taken = await Eventually.Until(() => Order(cluster, second).Get(), order => order!.DriverId is not null);

        Assert.Equal(driverId, taken!.DriverId);
        var board = await cluster.GrainFactory.GetGrain<IDispatchGrain>(zone).View();
        Assert.Equal(second, board.OrderByDriver[driverId]);
        Assert.Empty(board.WaitingOrders);
    }

    [Fact]
    public async Task An_order_that_never_heard_of_its_driver_is_told_again()
    {
        await using var cluster = await Cluster();
        var (shop, zone, pizza) = await RestaurantThatAcceptsAndCooksAtOnce(cluster);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => cluster.GrainFactory.GetGrain<IDispatchGrain>(zone).View(), board => board.WaitingOrders.Contains(orderId));

        // The assignment's direct tell and its event on the order's stream are both lost.
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.DriverAssigned), orderId);
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, orderId);
        var driverId = await shop.Driver(zone);
        await Eventually.Until(
            () => Task.FromResult(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.DriverAssigned), orderId)
                || InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, orderId)),
            pending => !pending);
        var told = await Eventually.Until(() => Order(cluster, orderId).Get(), order => order!.DriverId is not null);

        Assert.Equal(driverId, told!.DriverId);
        Assert.Equal(orderId, (await cluster.GrainFactory.GetGrain<IDispatchGrain>(zone).View()).OrderByDriver[driverId]);
    }

    /// <summary>Orders asking dispatch every two seconds; a failed delivery goes to the dead letters at once: nothing but the order's ask brings it back.</summary>
    private static Task<TestCluster> Cluster() => OrdersCluster.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Lifecycle:DriverCheck"] = "00:00:02",
        ["Streams:MaxAttempts"] = "1",
    });

    /// <summary>A restaurant that accepts every order and has it ready at once, with a pizza of five.</summary>
    private static async Task<(Shop Shop, string Zone, string Pizza)> RestaurantThatAcceptsAndCooksAtOnce(TestCluster cluster)
    {
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        return (shop, zone, await shop.Product(restaurantId, stock: 5));
    }

    private static async Task LosingDispatchsNextEvent(string zone, Func<Task> raise)
    {
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, zone);
        await raise();
        await Eventually.Until(() => Task.FromResult(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, zone)), pending => !pending);
    }

    private static IOrderGrain Order(TestCluster cluster, string orderId) => cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
}
