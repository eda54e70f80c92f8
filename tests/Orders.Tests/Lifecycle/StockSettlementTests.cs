using Orders.Grains.Delivery;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;
using Orleans.Core.Internal;

namespace Orders.Tests.Lifecycle;

/// <summary>
/// An ended order gives its stock back after the write that ends it. When the stock cannot be
/// reached then, the order is woken to try again; an activation that cannot settle either still
/// serves, and the order waits a reminder period, as after a wake whose work failed, instead of
/// failing its activation and coming back with every sweep. A call whose change is stored is
/// answered as stored even when neither the stock nor the time to try again can be written.
/// </summary>
public sealed class StockSettlementTests
{
    [Fact]
    public async Task An_activation_that_cannot_give_an_ended_orders_stock_back_serves_and_tries_again_a_reminder_period_later()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            // No sweep during the test: the test's own call brings the order back.
            ["Lifecycle:SweepInterval"] = "00:10:00",
            ["Lifecycle:ReminderPeriod"] = "00:00:30",
        });
        var shop = new Shop(cluster.GrainFactory);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        InjectedFaults.Instance.FailNextCall(nameof(IInventoryGrain.Release), pizza);

        // Declined, the order is stored ended, but the release after that write is lost: its caller
        // is told what was stored, and the order is due to settle at once.
        var declined = await order.Place(new PlaceOrder(Unique.Id("declined"), [new LineRequest(pizza, 1)]));
        Assert.Equal(OrderStatus.PaymentFailed, declined.Value!.Status);
        // Ended, it leaves memory by itself, and its next activation cannot reach the stock either.
        await Eventually.Until(() => cluster.GrainFactory.ActiveGrains(), active => !active.Contains(order.GetGrainId()));
        InjectedFaults.Instance.FailNextCall(nameof(IInventoryGrain.Release), pizza);
        var activatedAt = DateTimeOffset.UtcNow;

        var served = await order.Get();
        var stored = await cluster.StoredOrder(orderId);

        Assert.Equal(OrderStatus.PaymentFailed, served!.Status);
        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IInventoryGrain.Release), pizza));
        Assert.Equal((OrderStatus.PaymentFailed, false), (stored.Status, stored.StockSettled));
        Assert.InRange(stored.WakeAt!.Value, activatedAt + TimeSpan.FromSeconds(29), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        Assert.Equal((5, 1, 0), await shop.Level(pizza));
    }

    [Fact]
    public async Task An_activation_that_cannot_sell_the_stock_keeps_the_deadline_the_sweeper_brought_it_back_for()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            // No sweep during the test: the test wakes the order itself, its deadline already past.
            ["Lifecycle:SweepInterval"] = "00:10:00",
            ["Lifecycle:ReminderPeriod"] = "00:00:30",
            ["Lifecycle:NoDriverTimeout"] = "00:00:00.001",
        });
        var shop = new Shop(cluster.GrainFactory);
        var (orderId, pizza, restaurantId) = await shop.PaidOrderAwaitingTheRestaurant();
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        // Accepted, with no driver in its zone; its stock sold, and the mark that says so left for its next write.
        var restaurant = cluster.GrainFactory.GetGrain<IRestaurantGrain>(restaurantId);
        await restaurant.AcceptOrder(orderId);
        // Once the kitchen and dispatch have it: taking it in, they may ask the order, which would bring it back.
        await Eventually.Until(() => restaurant.Kitchen(), kitchen => kitchen.Any(ticket => ticket.OrderId == orderId));
        var dispatch = cluster.GrainFactory.GetGrain<IDispatchGrain>((await cluster.StoredOrder(orderId)).Zone);
        await Eventually.Until(() => dispatch.View(), board => board.WaitingOrders.Contains(orderId));
        await Eventually.Until(
            async () =>
            {
                var active = await cluster.GrainFactory.ActiveGrains();
                if (active.Contains(order.GetGrainId()))
                    await order.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
                return active;
            },
            active => !active.Contains(order.GetGrainId()));
        // The wake's activation sells the stock again, and cannot.
        InjectedFaults.Instance.FailNextCall(nameof(IInventoryGrain.Commit), pizza);

        await order.AsReference<IWakeable>().Wake();
        var stored = await cluster.StoredOrder(orderId);

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IInventoryGrain.Commit), pizza));
        Assert.Equal(OrderStatus.Cancelled, stored.Status);
    }

    [Fact]
    public async Task A_wake_whose_stock_cannot_be_given_back_still_asks_for_the_refund()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            // No sweep during the test: the test wakes the order itself.
            ["Lifecycle:SweepInterval"] = "00:10:00",
            ["Lifecycle:ReminderPeriod"] = "00:00:30",
        });
        var shop = new Shop(cluster.GrainFactory);
        var (orderId, pizza, _) = await shop.PaidOrderAwaitingTheRestaurant();
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        // The refund's ask is lost with its silo, and the stock cannot be reached, at the
        // cancellation and again at the wake that follows it.
        InjectedFaults.Instance.FailNextCall(nameof(IPaymentGrain.Refund), orderId);
        InjectedFaults.Instance.FailNextCall(nameof(IInventoryGrain.Release), pizza);
        await order.Cancel("changed my mind");
        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IInventoryGrain.Release), pizza));
        InjectedFaults.Instance.FailNextCall(nameof(IInventoryGrain.Release), pizza);

        await order.AsReference<IWakeable>().Wake();
        var refunded = await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IInventoryGrain.Release), pizza));
        Assert.NotNull(refunded.RefundReference);
        // The refund's answer is a change of the order's, whose write gives the stock back.
        await Eventually.Until(() => shop.Level(pizza), level => level == (5, 0, 0));
    }

    [Fact]
    public async Task A_change_stored_whose_stock_and_then_its_retry_time_cannot_be_written_is_answered_as_stored()
    {
        await using var cluster = await OrdersCluster.StartAsync();
        var shop = new Shop(cluster.GrainFactory);
        var (orderId, pizza, _) = await shop.PaidOrderAwaitingTheRestaurant();
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        var release = InjectedFaults.Instance.HoldNextCall(nameof(IInventoryGrain.Release), pizza);

        // The cancellation is stored, then its release is held; meanwhile the order's row moves
        // on, so that the write of when to try the release again fails as well.
        var cancelling = order.Cancel("changed my mind");
        await release.Reached;
        await GrainStateTable.MoveOnBehindTheGrainsBack(cluster.Options.ServiceId, OrderGrain.StateName, order.GetGrainId().ToString());
        release.Fail();
        var cancelled = await cancelling;

        Assert.Equal(OrderStatus.Cancelled, cancelled.Value?.Status);
        Assert.Equal(OrderStatus.Cancelled, (await cluster.StoredOrder(orderId)).Status);
        // The activation retired with its failed write; the next one (the refund's answer brings
        // it, or the wake stored with the cancellation) gives the stock back.
        await Eventually.Until(() => shop.Level(pizza), level => level == (5, 0, 0), TimeSpan.FromSeconds(60));
    }
}
