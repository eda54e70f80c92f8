using Orders.Grains.Customers;
using Orders.Grains.Orders;

namespace Orders.Tests.Streams;

/// <summary>Its own cluster: the test kills a silo.</summary>
public sealed class SiloFailureTests
{
    private const int Orders = 1_000;
    private const int Customers = 50;

    [Fact]
    public async Task Killing_a_silo_while_events_are_in_flight_leaves_every_order_exactly_one_notification()
    {
        await using var cluster = await OrdersCluster.StartAsync(silos: 2);
        var shop = new Shop(cluster.GrainFactory);
        var restaurant = await shop.Restaurant();
        var products = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => shop.Product(restaurant, stock: Orders)));
        var orders = Enumerable.Range(0, Orders)
            .Select(index => (OrderId: Unique.Id("order"), CustomerId: $"{restaurant}-customer-{index % Customers}", ProductId: products[index % products.Length]))
            .ToList();

        var placed = 0;
        var placing = orders.Select(async order =>
        {
            await PlaceUntilAcknowledged(cluster.GrainFactory, order.OrderId, new PlaceOrder(order.CustomerId, [new LineRequest(order.ProductId, 1)]));
            Interlocked.Increment(ref placed);
        }).ToList();
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref placed)), count => count >= Orders / 4);
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        await Task.WhenAll(placing);

        // Wait until every event is acknowledged: nothing of this cluster's is left in the queue table.
        await Eventually.Until(() => StreamTables.Queued(serviceId: cluster.Options.ServiceId), queued => queued == 0, TimeSpan.FromSeconds(90));
        var inboxes = await Task.WhenAll(orders.Select(order => order.CustomerId).Distinct()
            .Select(customerId => cluster.GrainFactory.GetGrain<ICustomerGrain>(customerId).Notifications()));
        var notified = inboxes.SelectMany(inbox => inbox).Where(notification => notification.Kind == NotificationKind.OrderPlaced).ToList();

        Assert.Equal(orders.Select(order => order.OrderId).Order(), notified.Select(notification => notification.OrderId).Order());
    }

    /// <summary>
    /// A client's behaviour when its call dies with a silo: retry with the same order id until an
    /// answer comes. The retry returns the first result, so no second order is made.
    /// </summary>
    private static async Task PlaceUntilAcknowledged(IGrainFactory grains, string orderId, PlaceOrder command)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                var result = await grains.GetGrain<IOrderGrain>(orderId).Place(command);
                Assert.False(result.IsRefused, result.Refusal?.Message);
                return;
            }
            catch (Exception failure) when (failure is not Xunit.Sdk.XunitException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
