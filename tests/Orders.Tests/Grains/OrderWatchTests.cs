using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

/// <summary>An order nudges its watchers on every change, and stops at once for one that leaves.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OrderWatchTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_watcher_that_unwatches_is_nudged_no_more_while_one_that_stays_is()
    {
        var shop = new Shop(fixture.Grains);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var order = fixture.Grains.GetGrain<IOrderGrain>(await shop.Order(Unique.Id("customer"), await shop.Product(restaurantId, stock: 1)));
        var (staying, leaving) = (new CountingObserver(), new CountingObserver());
        var stayingReference = fixture.Cluster.Client.CreateObjectReference<IOrderObserver>(staying);
        var leavingReference = fixture.Cluster.Client.CreateObjectReference<IOrderObserver>(leaving);
        await order.Watch(leavingReference);
        await order.Watch(stayingReference);

        await order.Unwatch(leavingReference);
        await order.Cancel("changed my mind");
        // Both nudges would leave the order in the same notification, in the order the watches came.
        await Eventually.Until(() => Task.FromResult(staying.Nudges), nudges => nudges == 1);

        Assert.Equal(0, leaving.Nudges);
    }
}
