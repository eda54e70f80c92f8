using Orders.Grains.Customers;
using Orders.Grains.Delivery;
using Orders.Grains.Orders;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;

namespace Orders.Tests.Lifecycle;

/// <summary>An order nobody moves on is cancelled by its durable timer, with stock and money put right.</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private TestCluster cluster = null!;
    private Shop shop = null!;

    public async Task InitializeAsync()
    {
        cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            // Long enough for a payment on a cold cluster; the slow bank answers only after it.
            ["Lifecycle:PlacementTimeout"] = "00:00:03",
            ["Lifecycle:UnpaidTimeout"] = "00:00:05",
            ["Payments:Simulator:SlowLatency"] = "00:00:07",
            ["Payments:Resilience:AttemptTimeout"] = "00:00:15",
            ["Lifecycle:UnansweredTimeout"] = "00:00:05",
            ["Lifecycle:NoDriverTimeout"] = "00:00:05",
        });
        shop = new Shop(cluster.GrainFactory);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task An_order_whose_payment_takes_too_long_is_cancelled_and_a_late_charge_refunded()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = await shop.Order(Unique.Id("slow"), pizza, quantity: 2);

        var cancelled = await shop.Reaches(orderId, OrderStatus.Cancelled);
        await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.Equal("payment did not complete in time", cancelled.History[^1].Reason);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        Assert.Equal((1, 1), (TestPayments.Ledger[orderId].Charges, TestPayments.Ledger[orderId].Refunds));
    }

    [Fact]
    public async Task An_order_its_restaurant_does_not_answer_is_cancelled_and_refunded()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);

        var cancelled = await shop.Reaches(orderId, OrderStatus.Cancelled);
        await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.Equal([OrderStatus.Pending, OrderStatus.Placed, OrderStatus.Paid, OrderStatus.Cancelled], cancelled.History.Select(change => change.Status));
        Assert.Equal("the restaurant did not answer in time", cancelled.History[^1].Reason);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        Assert.Equal((1, 1), (TestPayments.Ledger[orderId].Charges, TestPayments.Ledger[orderId].Refunds));
        // Ended by no one's call: the line support finds when the customer asks why.
        Assert.Contains(SiloLogs.Lines(cluster), line => line.Message == $"Order {orderId} was cancelled by its timeout while PAID: the restaurant did not answer in time");
    }

    [Fact]
    public async Task An_accepted_order_no_driver_takes_is_cancelled_and_refunded_with_its_food_sold()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);

        var cancelled = await shop.Reaches(orderId, OrderStatus.Cancelled);
        await shop.Payment(orderId, PaymentStatus.Refunded);
        var markedReady = await cluster.GrainFactory.GetGrain<IRestaurantGrain>(restaurantId).MarkOrderReady(orderId);

        Assert.Equal("no driver was found in time", cancelled.History[^1].Reason);
        Assert.Contains(cancelled.History, change => change.Status == OrderStatus.Accepted);
        Assert.Equal((4, 0, 1), await shop.Level(pizza));     // the kitchen used it: sold, not back on the shelf
        Assert.Equal(RefusalKind.FailedPrecondition, markedReady.Refusal?.Kind);
    }

    [Fact]
    public async Task An_order_a_driver_has_stops_waiting_on_its_timer()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        await shop.Driver(zone);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);

        var assigned = await Eventually.Until(async () => (await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get())!, order => order.DriverId is not null || order.Status.IsTerminal());
        Assert.NotNull(assigned.DriverId);
        // The write that took the driver stored no deadline: nothing is left to time out. An order
        // not ready yet keeps a time to ask after its kitchen, far past the no-driver deadline.
        var stored = await cluster.StoredOrder(orderId);
        var accepted = stored.History.Last(change => change.Status == OrderStatus.Accepted).At;
        var kitchenCheck = stored.Status == OrderStatus.Accepted ? accepted + new LifecycleOptions().KitchenCheck : (DateTimeOffset?)null;

        Assert.Equal((assigned.DriverId, kitchenCheck), (stored.DriverId, stored.WakeAt));
        Assert.Contains(assigned.Status, new[] { OrderStatus.Accepted, OrderStatus.Ready });
    }

    [Fact]
    public async Task A_driver_who_comes_on_duty_for_an_order_cancelled_before_dispatch_heard_is_free_again_at_once()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var driver = cluster.GrainFactory.GetGrain<IDriverGrain>(Unique.Id("driver"));
        Assert.False((await driver.Register("Dana", zone)).IsRefused);
        var customerId = Unique.Id("customer");
        var orderId = await shop.Order(customerId, pizza);
        var dispatch = cluster.GrainFactory.GetGrain<IDispatchGrain>(zone);
        await Eventually.Until(dispatch.View, view => view.WaitingOrders.Contains(orderId));
        // No driver in time: the order is cancelled, and dispatch's first delivery of that fails
        // and its retry is held, so the order still waits on its board, however slow the machine.
        using var retry = TheNextDeliveryFailsAndItsRetryWaits(zone);
        await shop.Reaches(orderId, OrderStatus.Cancelled);
        await Eventually.Until(() => Task.FromResult(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, zone)), pending => !pending);

        Assert.False((await driver.SetOnDuty(true)).IsRefused);

        var board = await dispatch.View();
        Assert.Contains(driver.GetPrimaryKeyString(), board.FreeDrivers);
        Assert.Empty(board.OrderByDriver);
        Assert.Null((await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get())!.DriverId);
        // The assignment's notification was stored with it, before the order said no: the customer
        // hears it taken back.
        var inbox = await cluster.GrainFactory.GetGrain<ICustomerGrain>(customerId).Notifications();
        Assert.Equal(
            [NotificationKind.DriverAssigned, NotificationKind.DriverReleased],
            inbox.Where(note => note.Kind is NotificationKind.DriverAssigned or NotificationKind.DriverReleased).Select(note => note.Kind));
    }

    [Fact]
    public async Task A_driver_whose_delivery_dispatch_never_heard_of_is_freed_when_they_next_say_whether_they_work()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var driverId = await shop.Driver(zone);
        var driver = cluster.GrainFactory.GetGrain<IDriverGrain>(driverId);
        var dispatch = cluster.GrainFactory.GetGrain<IDispatchGrain>(zone);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        await shop.Reaches(orderId, OrderStatus.Ready);
        await Eventually.Until(async () => (await order.Get())!.DriverId, assigned => assigned == driverId);
        Assert.False((await order.UpdateDelivery(DeliveryStatus.PickedUp)).IsRefused);
        Assert.False((await order.UpdateDelivery(DeliveryStatus.OutForDelivery)).IsRefused);
        // Dispatch's copy of the delivery fails and its retry is held: as good as lost to the dead letters.
        using var retry = TheNextDeliveryFailsAndItsRetryWaits(zone);
        Assert.False((await order.UpdateDelivery(DeliveryStatus.Delivered)).IsRefused);
        await Eventually.Until(() => Task.FromResult(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, zone)), pending => !pending);

        Assert.False((await driver.SetOnDuty(false)).IsRefused);
        // Read while the delivery's retry is held: only the duty change's own ask can have freed the driver.
        var board = await dispatch.View();

        Assert.DoesNotContain(driverId, board.OrderByDriver.Keys);
        Assert.DoesNotContain(driverId, board.FreeDrivers);
    }

    /// <summary>
    /// Fails dispatch's next delivery of <paramref name="zone"/>'s events and holds its retry until
    /// the hold is disposed: what the test reads meanwhile cannot be the retry's doing, however
    /// long the machine stalls.
    /// </summary>
    private static Hold TheNextDeliveryFailsAndItsRetryWaits(string zone)
    {
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, zone);
        return InjectedFaults.Instance.HoldNextCall(InjectedFaults.StreamDelivery, zone);
    }
}
