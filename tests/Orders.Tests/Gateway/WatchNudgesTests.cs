using Orders.Gateway.Watching;
using Orders.Grains.Orders;

namespace Orders.Tests.Gateway;

/// <summary>
/// A gateway's one observer passes each nudge to the watch it names: a watch that has ended is
/// still known to its order until the order hears so, and the nudge it gets meanwhile is dropped.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WatchNudgesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_nudge_wakes_the_watch_it_names_and_no_other()
    {
        var watches = new WatchNudges(fixture.Cluster.Client);
        var (closed, closedNudges) = watches.Open();
        var (open, openNudges) = watches.Open();
        var (_, otherNudges) = watches.Open();
        watches.Close(closed);

        await watches.Changed(closed);
        await watches.Changed(Guid.NewGuid());
        Assert.False(closedNudges.Waiting || openNudges.Waiting || otherNudges.Waiting);

        await watches.Changed(open);
        Assert.Equal((false, true, false), (closedNudges.Waiting, openNudges.Waiting, otherNudges.Waiting));
    }

    [Fact]
    public async Task An_order_nudges_through_the_one_observer_the_watch_it_knows_and_a_closed_one_is_dropped()
    {
        var (orderId, _, _) = await new Shop(fixture.Grains).PaidOrderAwaitingTheRestaurant();
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
        var watches = new WatchNudges(fixture.Cluster.Client);
        var (closed, closedNudges) = watches.Open();
        var (open, openNudges) = watches.Open();
        await order.Watch(watches.Observer, closed);
        await order.Watch(watches.Observer, open);

        watches.Close(closed);
        await order.Cancel("changed my mind");
        await Eventually.Until(() => Task.FromResult(openNudges.Waiting), waiting => waiting);

        Assert.False(closedNudges.Waiting);
        watches.Close(open);
    }
}
