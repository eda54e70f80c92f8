using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Orders;
using Orders.Tests.Streams.Probes;

namespace Orders.Tests.Lifecycle;

/// <summary>Accepted orders and drivers: one order per driver at a time, waiting orders served as drivers free up.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DispatchTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    [Fact]
    public async Task No_driver_holds_two_orders_and_a_waiting_order_gets_the_driver_who_frees_up()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 10);
        var drivers = await Task.WhenAll(shop.Driver(zone), shop.Driver(zone));
        var orders = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => shop.Order(Unique.Id("customer"), pizza)));

        var board = await Eventually.Until(() => Dispatch(zone).View(), view => view.OrderByDriver.Count == 2 && view.WaitingOrders.Length == 3);
        Assert.Empty(board.FreeDrivers);
        Assert.Equal(drivers.Order(), board.OrderByDriver.Keys.Order());

        // Deliver whatever each driver holds until every order is delivered, checking the board on the way.
        var delivered = new List<string>();
        while (delivered.Count < orders.Length)
        {
            board = await Eventually.Until(() => Dispatch(zone).View(), view => view.OrderByDriver.Count == Math.Min(2, orders.Length - delivered.Count));
            Assert.Equal(board.OrderByDriver.Count, board.OrderByDriver.Values.Distinct().Count());
            var (driverId, orderId) = board.OrderByDriver.First();
            await Deliver(orderId, driverId);
            delivered.Add(orderId);
            await Eventually.Until(() => Dispatch(zone).View(), view => view.OrderByDriver.GetValueOrDefault(driverId) != orderId);
        }

        Assert.Equal(orders.Order(), delivered.Order());
        foreach (var driverId in drivers)
        {
            var assignments = await Eventually.Until(async () => (await Driver(driverId).Get())!.Assignments,
                list => list.All(assignment => assignment.Status == DeliveryStatus.Delivered) && list.Length > 0);
            // Each assignment began after the driver's previous one was delivered.
            Assert.All(assignments.Zip(assignments.Skip(1)), pair => Assert.True(pair.Second.AssignedAt >= pair.First.UpdatedAt));
        }
    }

    [Fact]
    public async Task An_assignment_is_confirmed_only_for_the_driver_dispatch_gave_the_order_and_delivery_steps_are_checked()
    {
        var (restaurantId, zone, orderId, driverId) = await OrderWaitingWithADriverOffDuty();

        var whileWaiting = (await Dispatch(zone).ConfirmAssignment(orderId, driverId)).Refusal!;
        var otherZone = Unique.Id("zone");
        var other = await shop.Driver(otherZone);
        var inAnotherZone = (await Dispatch(otherZone).ConfirmAssignment(orderId, other)).Refusal!;

        // On duty with an order waiting: dispatch gives it to them at once.
        await Driver(driverId).SetOnDuty(true);
        Assert.False((await Dispatch(zone).ConfirmAssignment(orderId, driverId)).IsRefused);
        var someoneElse = (await Dispatch(zone).ConfirmAssignment(orderId, other)).Refusal!;
        Assert.Equal(RefusalKind.FailedPrecondition, whileWaiting.Kind);
        Assert.Contains("is waiting for a driver", whileWaiting.Message);
        Assert.Equal($"order '{orderId}' is not waiting for a driver in zone '{otherZone}'", inAnotherZone.Message);
        Assert.Equal($"order '{orderId}' has another driver", someoneElse.Message);
        var order = await Eventually.Until(async () => (await Order(orderId).Get())!, found => found.DriverId == driverId);

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(RefusalKind.FailedPrecondition, (await Order(orderId).UpdateDelivery(DeliveryStatus.PickedUp)).Refusal!.Kind);   // not ready
        await fixture.Grains.GetGrain<Orders.Grains.Restaurants.IRestaurantGrain>(restaurantId).MarkOrderReady(orderId);
        Assert.Equal(RefusalKind.FailedPrecondition, (await Order(orderId).UpdateDelivery(DeliveryStatus.Delivered)).Refusal!.Kind); // skips a step
        await Deliver(orderId, driverId);
        Assert.Equal(OrderStatus.Delivered, (await Order(orderId).UpdateDelivery(DeliveryStatus.Delivered)).Value!.Status);           // a repeated report
    }

    [Fact]
    public async Task A_driver_who_comes_on_duty_finds_the_waiting_order_already_knowing_its_driver()
    {
        var (_, _, orderId, driverId) = await OrderWaitingWithADriverOffDuty();
        // The assignment event's first delivery to the order is lost: only dispatch's word can be in time.
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, orderId);

        await Driver(driverId).SetOnDuty(true);
        var order = (await Order(orderId).Get())!;

        Assert.Equal(driverId, order.DriverId);
        await Eventually.Until(
            () => Task.FromResult(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, orderId)),
            pending => !pending);
        Assert.Equal(driverId, (await Order(orderId).Get())!.DriverId);
    }

    [Fact]
    public async Task An_acceptance_delivered_again_after_the_order_was_delivered_gets_no_driver()
    {
        var (restaurantId, zone, pizza, driverId) = await APizzaAndADriverOnDuty();
        var customerId = Unique.Id("customer");
        var delivered = await shop.Order(customerId, pizza);
        await Eventually.Until(() => Dispatch(zone).View(), view => view.OrderByDriver.GetValueOrDefault(driverId) == delivered);
        await Deliver(delivered, driverId);
        await Eventually.Until(() => Dispatch(zone).View(), view => view.FreeDrivers.Contains(driverId));

        // The order's acceptance again, as a reader taking over a queue delivers rows not yet acknowledged.
        var header = new EventHeader(Guid.NewGuid(), EventSources.Order(delivered), 3, DateTimeOffset.UtcNow, TraceParent: null);
        await fixture.Grains.GetGrain<IProbePublisherGrain>(Guid.NewGuid()).PublishRouted(new OrderAccepted(header, delivered, customerId, restaurantId, zone));
        var next = await shop.Order(customerId, pizza);

        // The dispatch stream keeps order: once the next order is on the board, the repeat was applied.
        var board = await Eventually.Until(() => Dispatch(zone).View(), view => view.OrderByDriver.Count + view.WaitingOrders.Length == 1);
        Assert.Equal(next, board.OrderByDriver.GetValueOrDefault(driverId));
        Assert.Empty(board.WaitingOrders);
        Assert.Equal(OrderStatus.Delivered, (await Order(delivered).Get())!.Status);
    }

    [Fact]
    public async Task A_drivers_steps_are_stored_apart_so_its_state_does_not_grow_with_its_deliveries()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 10);
        var driverId = await shop.Driver(zone);
        await Deliver(await shop.Order(Unique.Id("customer"), pizza), driverId);
        await Eventually.Until(async () => (await Driver(driverId).Get())!.Assignments, list => list.Any(assignment => assignment.Status == DeliveryStatus.Delivered));
        var stateWithOne = await GrainStateTable.PayloadSize(fixture.Cluster.Options.ServiceId, "driver", driverId);

        foreach (var _ in Enumerable.Range(0, 3))
            await Deliver(await shop.Order(Unique.Id("customer"), pizza), driverId);

        var assignments = await Eventually.Until(async () => (await Driver(driverId).Get())!.Assignments,
            list => list.Length == 4 && list.All(assignment => assignment.Status == DeliveryStatus.Delivered));
        Assert.Equal(stateWithOne, await GrainStateTable.PayloadSize(fixture.Cluster.Options.ServiceId, "driver", driverId));
        Assert.All(assignments, assignment => Assert.True(assignment.UpdatedAt >= assignment.AssignedAt));
    }

    [Fact]
    public async Task A_driver_going_off_duty_while_delivering_keeps_its_order_and_takes_no_other_once_it_is_delivered()
    {
        var (_, zone, pizza, driverId) = await APizzaAndADriverOnDuty();
        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => Dispatch(zone).View(), view => view.OrderByDriver.GetValueOrDefault(driverId) == orderId);
        var next = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => Dispatch(zone).View(), view => view.WaitingOrders.Contains(next));

        // An order that cannot say whether it ended holds up no driver's word.
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.Get), orderId, new SiloUnavailableException("injected fault: the order's silo is unreachable"));

        var offDuty = await Driver(driverId).SetOnDuty(false);
        var holding = await Dispatch(zone).View();
        await Deliver(orderId, driverId);
        var delivered = await Eventually.Until(() => Dispatch(zone).View(), view => !view.OrderByDriver.ContainsKey(driverId));

        Assert.False(offDuty.IsRefused);
        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.Get), orderId));
        Assert.False((await Driver(driverId).Get())!.OnDuty);
        Assert.Equal(orderId, holding.OrderByDriver.GetValueOrDefault(driverId));
        Assert.Contains(next, delivered.WaitingOrders);
        Assert.DoesNotContain(driverId, delivered.FreeDrivers);
        // Back on duty, it takes the order that waited.
        Assert.False((await Driver(driverId).SetOnDuty(true)).IsRefused);
        await Eventually.Until(() => Dispatch(zone).View(), view => view.OrderByDriver.GetValueOrDefault(driverId) == next);
    }

    [Fact]
    public async Task Word_of_its_driver_that_reaches_an_order_after_it_was_delivered_is_taken_for_that_driver_alone()
    {
        var (_, zone, pizza, driverId) = await APizzaAndADriverOnDuty();
        var customerId = Unique.Id("customer");
        var orderId = await shop.Order(customerId, pizza);
        await Deliver(orderId, driverId);

        // Dispatch's direct word, held up in transit behind the event that already gave the order its driver.
        Task<bool> Told(string driver) => Order(orderId).DriverAssigned(new DeliveryStatusChanged(
            new EventHeader(Guid.NewGuid(), EventSources.Dispatch(zone), 1_000, DateTimeOffset.UtcNow, TraceParent: null),
            orderId, customerId, driver, zone, DeliveryStatus.Assigned, []));

        Assert.True(await Told(driverId));
        Assert.False(await Told(Unique.Id("driver")));
        Assert.Equal((OrderStatus.Delivered, driverId), ((await Order(orderId).Get())!.Status, (await Order(orderId).Get())!.DriverId));
    }

    [Fact]
    public async Task A_driver_named_by_hand_takes_the_waiting_order_off_duty_and_is_not_made_free_once_it_is_delivered()
    {
        var (restaurantId, zone, orderId, driverId) = await OrderWaitingWithADriverOffDuty();
        var otherDriver = Unique.Id("driver");
        await Driver(otherDriver).Register("Kim", zone);

        var assigned = await Dispatch(zone).AssignByHand(orderId, driverId);
        var again = await Dispatch(zone).AssignByHand(orderId, driverId);
        var taken = (await Dispatch(zone).AssignByHand(orderId, otherDriver)).Refusal;
        var stillOff = await Driver(driverId).SetOnDuty(false);

        Assert.False(stillOff.IsRefused, stillOff.Refusal?.Message);
        Assert.False(stillOff.Value!.OnDuty);
        Assert.Equal(orderId, assigned.Value!.OrderByDriver[driverId]);
        Assert.Equal(orderId, again.Value!.OrderByDriver[driverId]);
        Assert.Equal(RefusalKind.FailedPrecondition, taken?.Kind);
        Assert.False((await fixture.Grains.GetGrain<Orders.Grains.Restaurants.IRestaurantGrain>(restaurantId).MarkOrderReady(orderId)).IsRefused);
        await Deliver(orderId, driverId);
        var board = await Eventually.Until(() => Dispatch(zone).View(), view => !view.OrderByDriver.ContainsKey(driverId));
        Assert.DoesNotContain(driverId, board.FreeDrivers);
    }

    /// <summary>A pizza of five from a restaurant that accepts and cooks at once, and a driver on duty in its zone.</summary>
    private async Task<(string RestaurantId, string Zone, string Pizza, string DriverId)> APizzaAndADriverOnDuty()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        return (restaurantId, zone, pizza, await shop.Driver(zone));
    }

    /// <summary>An accepted order (its kitchen slow) waiting in its zone, and a driver of that zone registered but off duty.</summary>
    private async Task<(string RestaurantId, string Zone, string OrderId, string DriverId)> OrderWaitingWithADriverOffDuty()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.FromMinutes(5));
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => Dispatch(zone).View(), view => view.WaitingOrders.Contains(orderId));
        var driverId = Unique.Id("driver");
        await Driver(driverId).Register("Sam", zone);
        return (restaurantId, zone, orderId, driverId);
    }

    private async Task Deliver(string orderId, string driverId)
    {
        await shop.Reaches(orderId, OrderStatus.Ready);
        await Eventually.Until(async () => (await Order(orderId).Get())!.DriverId, assigned => assigned == driverId);
        foreach (var step in new[] { DeliveryStatus.PickedUp, DeliveryStatus.OutForDelivery, DeliveryStatus.Delivered })
            Assert.False((await Order(orderId).UpdateDelivery(step)).IsRefused);
    }

    private IDispatchGrain Dispatch(string zone) => fixture.Grains.GetGrain<IDispatchGrain>(zone);

    private IDriverGrain Driver(string driverId) => fixture.Grains.GetGrain<IDriverGrain>(driverId);

    private IOrderGrain Order(string orderId) => fixture.Grains.GetGrain<IOrderGrain>(orderId);
}
