using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Orders.Gateway;
using Orders.V1;
using Orleans.Core.Internal;

namespace Orders.Tests.Gateway;

/// <summary>One order from creation to delivery through the gateway, watched from the other gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayLifecycleTests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);
    private readonly Clients other = new(fixture.OtherGateway);

    [Fact]
    public async Task An_order_goes_from_creation_to_delivery_and_a_watcher_on_another_gateway_sees_every_step()
    {
        var customerId = Unique.Id("customer");
        var zone = Unique.Id("zone");
        var (restaurantId, productId) = await api.SeedProduct(stock: 10, cents: 900);
        await api.Configure(restaurantId, autoAccept: false, TimeSpan.FromSeconds(1), zone);
        var driverId = await api.DriverOnDuty(zone);

        var created = await api.Orders.CreateOrderAsync(Clients.OrderFor(customerId, productId, quantity: 3));
        using var watch = other.Orders.WatchOrder(new WatchOrderRequest { OrderId = created.OrderId }, deadline: DateTime.UtcNow.AddMinutes(1));
        // The watch has begun, and says so, before anyone moves the order on.
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        var began = watch.ResponseStream.Current;
        var watched = ReadAll(watch);

        await api.Until(created.OrderId, OrderStatus.Paid);
        var pending = await Eventually.Until(
            async () => await api.Restaurants.ListPendingOrdersAsync(new ListPendingOrdersRequest { RestaurantId = restaurantId }),
            found => found.Pending.Count > 0);
        Assert.Equal(created.OrderId, Assert.Single(pending.Pending).OrderId);
        var accepted = await api.Restaurants.AcceptOrderAsync(new RestaurantOrderRequest { RestaurantId = restaurantId, OrderId = created.OrderId });
        Assert.Equal(OrderStatus.Accepted, accepted.Status);

        var ready = await api.Until(created.OrderId, OrderStatus.Ready, order => order.DriverId.Length > 0);
        Assert.Equal(driverId, ready.DriverId);
        await api.Deliver(created.OrderId);

        var delivered = await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = created.OrderId });
        OrderStatus[] lifecycle =
        [
            OrderStatus.Pending, OrderStatus.Placed, OrderStatus.Paid, OrderStatus.Accepted, OrderStatus.Ready,
            OrderStatus.PickedUp, OrderStatus.OutForDelivery, OrderStatus.Delivered,
        ];
        Assert.Equal(lifecycle, delivered.History.Select(change => change.Status));

        // The watcher's first message is the status when it started (placed or paid, before the
        // restaurant accepted), then every change after it, in order.
        var seen = new[] { began }.Concat(await watched).Where(update => update.Change is not null).ToList();
        Assert.Contains(seen[0].Change.Status, new[] { OrderStatus.Placed, OrderStatus.Paid });
        Assert.Equal(lifecycle.SkipWhile(status => status != seen[0].Change.Status), seen.Select(update => update.Change.Status));
        Assert.Equal(delivered.History.TakeLast(seen.Count), seen.Select(update => update.Change));

        var stock = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        Assert.Equal((7, 0, 3), (stock.OnHand, stock.Reserved, stock.Sold));

        var payment = await api.Orders.GetPaymentAsync(new GetPaymentRequest { OrderId = created.OrderId });
        Assert.Equal((PaymentStatus.Charged, 2700L), (payment.Status, payment.Amount.MinorUnits));

        var assignments = await Eventually.Until(
            async () => await api.Delivery.GetDriverAssignmentsAsync(new GetDriverAssignmentsRequest { DriverId = driverId }),
            found => found.Assignments.Count == 1 && found.Assignments[0].Status == DeliveryStatus.Delivered);
        Assert.Equal(created.OrderId, assignments.Assignments[0].OrderId);

        NotificationKind[] everyStep =
        [
            NotificationKind.OrderPlaced, NotificationKind.OrderPaid, NotificationKind.OrderAccepted, NotificationKind.DriverAssigned,
            NotificationKind.OrderReady, NotificationKind.PickedUp, NotificationKind.OutForDelivery, NotificationKind.Delivered,
        ];
        var inbox = await Eventually.Until(
            async () => await api.Notifications.ListNotificationsAsync(new ListNotificationsRequest { CustomerId = customerId }),
            found => found.Notifications.Count >= everyStep.Length);
        // Assignment and readiness come from different sources, so their order may vary; each comes once.
        Assert.Equal(everyStep.Order(), inbox.Notifications.Select(notification => notification.Kind).Order());
    }

    [Fact]
    public async Task A_watcher_is_told_of_a_driver_assigned_after_the_order_is_ready()
    {
        var zone = Unique.Id("zone");
        var (restaurantId, productId) = await api.SeedProduct(stock: 1);
        await api.Configure(restaurantId, autoAccept: true, TimeSpan.Zero, zone);
        var created = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));
        await api.Until(created.OrderId, OrderStatus.Ready);

        using var watch = other.Orders.WatchOrder(new WatchOrderRequest { OrderId = created.OrderId }, deadline: DateTime.UtcNow.AddMinutes(1));
        var ready = await watch.Next();
        var driverId = await api.DriverOnDuty(zone);
        var assigned = await watch.Next();

        Assert.Equal((OrderStatus.Ready, ""), (ready.Change.Status, ready.Order.DriverId));
        Assert.Null(assigned.Change);
        Assert.Equal((OrderStatus.Ready, driverId), (assigned.Order.Status, assigned.Order.DriverId));
    }

    [Fact]
    public async Task A_watch_rides_out_its_orders_silo_failing_a_call_and_misses_no_step()
    {
        var (restaurantId, created) = await AnOrderAwaitingItsRestaurant();
        using var watch = other.Orders.WatchOrder(new WatchOrderRequest { OrderId = created.OrderId }, deadline: DateTime.UtcNow.AddMinutes(1));
        var paid = await watch.Next();
        // The watch's next renewal meets the order's silo gone, as it does before the cluster has
        // declared it dead.
        InjectedFaults.Instance.FailNextCall(nameof(Orders.Grains.Orders.IOrderGrain.Watch), created.OrderId,
            new SiloUnavailableException("injected fault: the order's silo is unreachable"));

        await api.Restaurants.AcceptOrderAsync(new RestaurantOrderRequest { RestaurantId = restaurantId, OrderId = created.OrderId });
        var accepted = await watch.Next();

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(Orders.Grains.Orders.IOrderGrain.Watch), created.OrderId));
        Assert.Equal((OrderStatus.Paid, OrderStatus.Accepted), (paid.Change.Status, accepted.Change.Status));
    }

    [Fact]
    public async Task A_watch_hears_at_once_that_its_order_left_memory_and_follows_its_next_activation()
    {
        var (restaurantId, created) = await AnOrderAwaitingItsRestaurant();
        using var watch = other.Orders.WatchOrder(new WatchOrderRequest { OrderId = created.OrderId }, deadline: DateTime.UtcNow.AddMinutes(1));
        var paid = await watch.Next();

        // Its next activation knows no watcher until the gateway watches again: unless told, at the
        // lease's renewal, half a minute after the watch began.
        await fixture.Grains.GetGrain<Orders.Grains.Orders.IOrderGrain>(created.OrderId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await api.Restaurants.AcceptOrderAsync(new RestaurantOrderRequest { RestaurantId = restaurantId, OrderId = created.OrderId });
        var accepted = await watch.Next();

        Assert.Equal((OrderStatus.Paid, OrderStatus.Accepted), (paid.Change.Status, accepted.Change.Status));
    }

    [Fact]
    public async Task A_watch_past_the_most_an_order_keeps_is_resource_exhausted()
    {
        var (_, productId) = await api.SeedProduct(stock: 1);
        var created = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));
        var order = fixture.Grains.GetGrain<Orders.Grains.Orders.IOrderGrain>(created.OrderId);
        var observer = fixture.Grains.CreateObjectReference<Orders.Grains.Orders.IOrderObserver>(new CountingObserver());
        for (var watch = 0; watch < Orders.Grains.Orders.WatchLease.MostPerOrder; watch++)
            Assert.True(await order.Watch(observer, Guid.NewGuid()));

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await ReadAll(other.Orders.WatchOrder(new WatchOrderRequest { OrderId = created.OrderId })));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    [Fact]
    public async Task Lifecycle_calls_with_bad_input_are_refused_with_the_field_named()
    {
        var missingOrder = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Restaurants.AcceptOrderAsync(new RestaurantOrderRequest { RestaurantId = "r-1" }));
        var badStatus = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Delivery.UpdateDeliveryStatusAsync(new UpdateDeliveryStatusRequest { OrderId = "o-1", Status = DeliveryStatus.Assigned }));
        var badCapacity = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Restaurants.UpdateRestaurantSettingsAsync(new UpdateRestaurantSettingsRequest
            {
                RestaurantId = "r-1",
                Settings = new RestaurantSettings { PrepTime = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)), KitchenCapacity = 0 },
            }));
        var unknownOrder = await Assert.ThrowsAsync<RpcException>(async () =>
            await ReadAll(other.Orders.WatchOrder(new WatchOrderRequest { OrderId = Unique.Id("order") })));
        var unknownDriver = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Delivery.GetDriverAssignmentsAsync(new GetDriverAssignmentsRequest { DriverId = Unique.Id("driver") }));

        Assert.Equal((StatusCode.InvalidArgument, "order_id is required"), (missingOrder.StatusCode, missingOrder.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "status must be PICKED_UP, OUT_FOR_DELIVERY or DELIVERED"), (badStatus.StatusCode, badStatus.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, badCapacity.StatusCode);
        Assert.Contains("settings.kitchen_capacity", badCapacity.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknownOrder.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknownDriver.StatusCode);
    }

    /// <summary>
    /// A stopping gateway ends its watches at once, with a status that says to watch again
    /// elsewhere, rather than holding its stop up until they are cut off: one waiting for its
    /// order's next change, and one waiting on an order that does not answer (its grain call's
    /// timeout is 30 s).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_watch_ends_with_unavailable_as_soon_as_its_gateway_stops(bool orderAnswers)
    {
        var (_, productId) = await api.SeedProduct(stock: 10);
        var created = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));
        await using var gateway = await fixture.StartOwnGateway();
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddresses()[0]);
        using var watch = new Clients(channel).Orders.WatchOrder(new WatchOrderRequest { OrderId = created.OrderId });
        await watch.Next();
        // Unless the order answers, the read a change's nudge brings is held, as by a silo that stopped answering.
        var read = orderAnswers ? null : InjectedFaults.Instance.HoldNextCall(nameof(Orders.Grains.Orders.IOrderGrain.Get), created.OrderId);
        try
        {
            if (read is not null)
            {
                await api.Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = created.OrderId });
                await read.Reached;
            }

            var stopping = gateway.StopAsync();
            var ended = await Assert.ThrowsAsync<RpcException>(() => ReadAll(watch).WaitAsync(TimeSpan.FromSeconds(15)));
            await stopping;

            Assert.Equal((StatusCode.Unavailable, "the gateway is shutting down; watch the order again"), (ended.StatusCode, ended.Status.Detail));
        }
        finally
        {
            read?.Release();
        }
    }

    [Fact]
    public async Task A_watch_of_an_order_that_does_not_end_ends_with_unavailable_once_it_ran_its_longest()
    {
        var (restaurantId, productId) = await api.SeedProduct(stock: 1);
        await api.Configure(restaurantId, autoAccept: false, TimeSpan.FromMinutes(5), Unique.Id("zone"));
        var created = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));
        await using var gateway = await fixture.StartOwnGateway(new() { ["Gateway:WatchLongest"] = "00:00:02" });
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddresses()[0]);

        var ended = await Assert.ThrowsAsync<RpcException>(() => ReadAll(new Clients(channel).Orders.WatchOrder(new WatchOrderRequest { OrderId = created.OrderId })));

        Assert.Equal((StatusCode.Unavailable, "the watch ran its longest (00:00:02); watch the order again"), (ended.StatusCode, ended.Status.Detail));
    }

    /// <summary>Every update until the watch ends; one that has not ended within a minute fails the test.</summary>
    /// <summary>A paid order its restaurant, which answers by hand, has not answered yet.</summary>
    private async Task<(string RestaurantId, Order Created)> AnOrderAwaitingItsRestaurant()
    {
        var (restaurantId, productId) = await api.SeedProduct(stock: 1);
        await api.Configure(restaurantId, autoAccept: false, TimeSpan.FromMinutes(5), Unique.Id("zone"));
        return (restaurantId, await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1)));
    }

    private static async Task<List<OrderUpdate>> ReadAll(AsyncServerStreamingCall<OrderUpdate> call)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var updates = new List<OrderUpdate>();
        await foreach (var update in call.ResponseStream.ReadAllAsync(deadline.Token))
            updates.Add(update);
        return updates;
    }
}
