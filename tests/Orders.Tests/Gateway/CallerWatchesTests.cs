using Orders.Gateway.Watching;

namespace Orders.Tests.Gateway;

public sealed class CallerWatchesTests
{
    [Fact]
    public void A_caller_keeps_at_most_its_share_of_one_orders_watches_and_gets_one_back_as_one_ends()
    {
        var callers = new CallerWatches();
        var opened = Enumerable.Range(0, CallerWatches.MostPerOrder).Select(_ => callers.TryOpen("restaurant-1", "o1")).ToList();

        Assert.All(opened, Assert.True);
        Assert.False(callers.TryOpen("restaurant-1", "o1"));
        Assert.True(callers.TryOpen("restaurant-1", "o2"));
        Assert.True(callers.TryOpen("customer-1", "o1"));
        callers.Close("restaurant-1", "o1");
        Assert.True(callers.TryOpen("restaurant-1", "o1"));
    }
}
