using Orders.Grains.Orders;
using Orders.Grains.Restaurants;

namespace Orders.Tests.Lifecycle;

/// <summary>
/// The kitchen hears of an accepted order from its OrderAccepted alone. An order whose event the
/// restaurant never got (lost to the dead letters with a silo) asks the restaurant, once it has
/// waited <see cref="Orders.Grains.LifecycleOptions.KitchenCheck"/> to be ready, whether the kitchen has it.
/// </summary>
public sealed class KitchenCheckTests
{
    [Fact]
    public async Task An_accepted_order_the_kitchen_never_heard_of_is_cooked_once_it_asks()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lifecycle:KitchenCheck"] = "00:00:02",
            // The failed delivery is tried again only long after the order has asked.
            ["Streams:RetryDelay"] = "00:00:20",
        });
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var driverId = await shop.Driver(zone);
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, restaurantId);

        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => Task.FromResult(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, restaurantId)), pending => !pending);
        var ready = await shop.Reaches(orderId, OrderStatus.Ready);

        // Ready while the restaurant's OrderAccepted still waits for its retry: the order's own ask put it in the kitchen.
        Assert.Equal(1, await StreamTables.Queued(restaurantId));
        Assert.Equal(driverId, (await Eventually.Until(() => cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get(), order => order!.DriverId is not null))!.DriverId);
        Assert.Contains(ready.History, change => change.Status == OrderStatus.Ready && change.Reason == "the kitchen is done");
        Assert.Empty(await cluster.GrainFactory.GetGrain<IRestaurantGrain>(restaurantId).Kitchen());
    }
}
