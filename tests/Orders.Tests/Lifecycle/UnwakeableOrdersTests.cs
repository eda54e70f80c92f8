using Orders.Grains.Orders;
using Orders.Grains.Wakes;
using Orders.Silo.Hosting;

namespace Orders.Tests.Lifecycle;

/// <summary>
/// Orders the wake sweeper cannot wake (a state no activation can read) are woken again a reminder
/// period later, not at every sweep: left due, they come first in every sweep's list, and a
/// sweep's worth of them starved every other order's timeout.
/// </summary>
public sealed class UnwakeableOrdersTests
{
    [Fact]
    public async Task A_sweeps_worth_of_orders_that_cannot_be_woken_does_not_keep_another_order_s_timeout_from_coming()
    {
        await using var cluster = await OrdersCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?>
        {
            ["Lifecycle:UnansweredTimeout"] = "00:00:03",
        });
        var shop = new Shop(cluster.GrainFactory);
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        await GrainStateTable.StoreUnreadableOrders(cluster.Options.ServiceId, WakeSweeper.SweepSize, since);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);

        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        var cancelled = await shop.Reaches(orderId, OrderStatus.Cancelled);

        Assert.Equal("the restaurant did not answer in time", cancelled.History[^1].Reason);
        // Each was moved on to a reminder period after the sweep that failed to wake it.
        Assert.Equal(0, await GrainStateTable.UnreadableOrdersDueBy(cluster.Options.ServiceId, since));
    }

    [Fact]
    public async Task An_order_whose_wake_failed_for_the_cluster_s_trouble_is_woken_again_at_the_next_sweep()
    {
        await using var cluster = await OrdersCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?>
        {
            ["Lifecycle:UnansweredTimeout"] = "00:00:03",
            // Postponed, the order would wait this long.
            ["Lifecycle:ReminderPeriod"] = "00:02:00",
        });
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        InjectedFaults.Instance.FailNextCall(nameof(IWakeable.Wake), orderId, new TimeoutException("the order's silo did not answer in time"));

        var cancelled = await shop.Reaches(orderId, OrderStatus.Cancelled, timeout: TimeSpan.FromSeconds(30));

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IWakeable.Wake), orderId));
        Assert.Equal("the restaurant did not answer in time", cancelled.History[^1].Reason);
    }
}
