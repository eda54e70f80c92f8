using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

/// <summary>An order nudges its watches on every change, and stops at once for one that leaves.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OrderWatchTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_watch_that_unwatches_is_nudged_no_more_while_one_through_the_same_observer_that_stays_is()
    {
        var (orderId, _, _) = await new Shop(fixture.Grains).PaidOrderAwaitingTheRestaurant();
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
        var gateway = new CountingObserver();
        var observer = fixture.Cluster.Client.CreateObjectReference<IOrderObserver>(gateway);
        var (staying, leaving) = (Guid.NewGuid(), Guid.NewGuid());
        await order.Watch(observer, leaving);
        await order.Watch(observer, staying);

        await order.Unwatch(leaving);
        await order.Cancel("changed my mind");
        // Both nudges would leave the order in the same notification, in the order the watches came.
        await Eventually.Until(() => Task.FromResult(gateway.NudgesFor(staying)), nudges => nudges == 1);

        Assert.Equal(0, gateway.NudgesFor(leaving));
    }
}
