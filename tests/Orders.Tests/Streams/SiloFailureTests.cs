using Orders.Grains;
using Orders.Grains.Catalog;
using Orders.Grains.Customers;
using Orders.Grains.Delivery;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;

namespace Orders.Tests.Streams;

/// <summary>Its own cluster: the test kills a silo.</summary>
public sealed class SiloFailureTests
{
    private const int Orders = 1_000;
    private const int Customers = 50;

    /// <summary>
    /// Deliveries ride out the kill as in production, instead of the dead-letter tests' quick
    /// give-up: an in-process "killed" silo lingers while it stops, and its grains can hold a
    /// consumer's state busy for a while, failing deliveries in ways that are not all an outage.
    /// </summary>
    private static readonly Dictionary<string, string?> RideOutTheKill = new()
    {
        ["Streams:RetryDelay"] = "00:00:01",
        ["Streams:MaxAttempts"] = "40",
    };

    [Fact]
    public async Task Orders_under_way_when_a_silo_is_killed_still_go_all_the_way_to_delivery()
    {
        const int count = 30;
        await using var cluster = await OrdersCluster.StartAsync(silos: 2, settings: RideOutTheKill);
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.FromSeconds(1), capacity: count);
        var pizza = await shop.Product(restaurantId, stock: 100);
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => shop.Driver(zone)));
        var orderIds = Enumerable.Range(0, count).Select(_ => Unique.Id("order")).ToList();

        var placed = 0;
        var placing = orderIds.Select(async orderId =>
        {
            var command = new PlaceOrder(Unique.Id("customer"), [new LineRequest(pizza, 1)]);
            await Acknowledged(() => cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Place(command));
            Interlocked.Increment(ref placed);
        }).ToList();
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref placed)), done => done >= count / 3);
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        await Task.WhenAll(placing);

        // The drivers: each waits for its order to be ready, then reports every step.
        await Task.WhenAll(orderIds.Select(async orderId =>
        {
            var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
            try
            {
                await Eventually.Until(async () => await Recovering.Answer(order.Get), ready => ready?.Status == OrderStatus.Ready && ready.DriverId is not null, TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException stuck)
            {
                throw new TimeoutException($"{stuck.Message}; {await WhereItStopped(cluster, orderId)}", stuck);
            }
            foreach (var step in new[] { DeliveryStatus.PickedUp, DeliveryStatus.OutForDelivery, DeliveryStatus.Delivered })
                await Acknowledged(() => order.UpdateDelivery(step));
        }));

        var orders = await Task.WhenAll(orderIds.Select(orderId => cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get()));
        Assert.All(orders, order => Assert.Equal(OrderStatus.Delivered, order!.Status));
        Assert.All(orderIds, orderId => Assert.Equal(1, TestPayments.Ledger[orderId].Charges));
        Assert.Equal((100 - count, 0, count), await shop.Level(pizza));
    }

    [Fact]
    public async Task Killing_a_silo_while_orders_are_placed_loses_no_order_notification_or_pending_entry()
    {
        await using var cluster = await OrdersCluster.StartAsync(silos: 2, settings: RideOutTheKill);
        var shop = new Shop(cluster.GrainFactory);
        var restaurant = await shop.Restaurant();
        var products = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => shop.Product(restaurant, stock: Orders)));
        var orders = Enumerable.Range(0, Orders)
            .Select(index => (OrderId: Unique.Id("order"), CustomerId: $"{restaurant}-customer-{index % Customers}", ProductId: products[index % products.Length]))
            .ToList();

        var placed = 0;
        var placing = orders.Select(async order =>
        {
            await Acknowledged(() => cluster.GrainFactory.GetGrain<IOrderGrain>(order.OrderId).Place(new PlaceOrder(order.CustomerId, [new LineRequest(order.ProductId, 1)])));
            Interlocked.Increment(ref placed);
        }).ToList();
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref placed)), count => count >= Orders / 4);
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        await Task.WhenAll(placing);

        // Every order is paid: an acknowledged placement whose activation died before its PAID
        // write is finished by the next one (the timer's wake or this read).
        await Task.WhenAll(orders.Select(order => Eventually.Until(
            () => Recovering.Answer(cluster.GrainFactory.GetGrain<IOrderGrain>(order.OrderId).Get), paid => paid?.Status == OrderStatus.Paid, TimeSpan.FromSeconds(90))));

        // Each placement told its customer exactly once: the write that stored it kept the notification.
        var inboxes = await Task.WhenAll(orders.Select(order => order.CustomerId).Distinct()
            .Select(customerId => cluster.GrainFactory.GetGrain<ICustomerGrain>(customerId).Notifications()));
        var notified = inboxes.SelectMany(inbox => inbox).Where(notification => notification.Kind == NotificationKind.OrderPlaced).Select(notification => notification.OrderId).ToList();
        Assert.Equal(orders.Select(order => order.OrderId).Order(StringComparer.Ordinal), notified.Order(StringComparer.Ordinal));

        // Each placement is pending at its restaurant: its PAID write listed it there.
        var pending = await cluster.GrainFactory.GetGrain<IRestaurantGrain>(restaurant).PendingOrders();
        Assert.Equal(orders.Select(order => order.OrderId).Order(StringComparer.Ordinal), pending.Select(order => order.OrderId).Order(StringComparer.Ordinal));
    }

    /// <summary>What a stuck order's history, its payment and the provider's books say, so a failure names the step that stopped.</summary>
    private static async Task<string> WhereItStopped(TestCluster cluster, string orderId)
    {
        var order = await Recovering.Answer(cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get);
        var payment = await Recovering.Answer(cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Payment);
        var books = TestPayments.Ledger[orderId];
        return $"history [{string.Join(", ", order?.History ?? [])}]; payment {payment?.ToString() ?? "never asked"}; "
            + $"provider calls {books.Calls}, charges {books.Charges}, answer {books.Result}";
    }

    /// <summary>
    /// A client's behaviour when its call dies with a silo: retry the same call until an answer
    /// comes. Every call used here is idempotent (a retried placement returns the first result).
    /// </summary>
    private static async Task<T> Acknowledged<T>(Func<Task<Result<T>>> call) where T : class
    {
        var result = await Eventually.Until(() => Recovering.Answer<Result<T>>(async () => await call()), answer => answer is not null, TimeSpan.FromSeconds(90));
        Assert.False(result!.IsRefused, result.Refusal?.Message);
        return result.Value!;
    }
}
