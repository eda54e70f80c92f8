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
    public async Task A_nudge_wakes_the_watch_it_names_and_one_for_a_closed_watch_is_dropped()
    {
        var shop = new Shop(fixture.Grains);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var order = fixture.Grains.GetGrain<IOrderGrain>(await shop.Order(Unique.Id("customer"), await shop.Product(restaurantId, stock: 1)));
        var watches = new WatchNudges(fixture.Cluster.Client);
        var (closed, closedNudges) = watches.Open();
        var (open, openNudges) = watches.Open();
        var (elsewhere, elsewhereNudges) = watches.Open();
        await order.Watch(watches.Observer, closed);
        await order.Watch(watches.Observer, open);

        watches.Close(closed);
        await order.Cancel("changed my mind");
        await Eventually.Until(() => Task.FromResult(openNudges.Waiting), waiting => waiting);

        // The order nudges its watches in the order they came, the closed one first.
        Assert.False(closedNudges.Waiting);
        Assert.False(elsewhereNudges.Waiting);
        watches.Close(open);
        watches.Close(elsewhere);
    }
}
