using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orders.Grains.Customers;
using Orders.Grains.Events;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;
using Orders.Silo.Hosting;

namespace Orders.Tests.Streams;

/// <summary>
/// Dev mode's storage keeps a producer's events in its state and the producer publishes them
/// after the write, again until they are (PostgreSQL's queues them in the write itself:
/// OutboxStorageTests).
/// </summary>
public sealed class DevModeOutboxTests
{
    [Fact]
    public async Task A_producer_whose_publish_fails_after_its_write_answers_and_publishes_again_on_its_own()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IOutboxFaults>(InjectedFaults.Instance);
        builder.UseOrleans(silo => silo.AddOrders());
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var shop = new Shop(grains);
        var customerId = Unique.Id("customer");
        var orderId = Unique.Id("order");
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var restaurant = grains.GetGrain<IRestaurantGrain>(restaurantId);
        var order = grains.GetGrain<IOrderGrain>(orderId);
        await order.Place(new PlaceOrder(customerId, [new LineRequest(pizza, 1)]));
        InjectedFaults.Instance.FailNextPublish<OrderAccepted>(EventSources.Order(orderId));

        // The acceptance is stored by its write, whose publish to the kitchen fails: the answer stands.
        Assert.Equal(OrderStatus.Accepted, (await restaurant.AcceptOrder(orderId)).Value!.Status);
        // Nothing calls the order again: it publishes on its own, and the kitchen gets the ticket.
        await Eventually.Until(() => restaurant.Kitchen(), tickets => tickets.Any(ticket => ticket.OrderId == orderId));

        Assert.False(InjectedFaults.Instance.PublishFailurePending<OrderAccepted>(EventSources.Order(orderId)));
        Assert.Equal(OrderStatus.Accepted, (await order.Get())!.Status);
        Assert.Empty(await restaurant.PendingOrders());
        // The order's notifications were stored with its writes, whatever became of the publish.
        Assert.Equal(
            [NotificationKind.OrderPlaced, NotificationKind.OrderPaid, NotificationKind.OrderAccepted],
            (await grains.GetGrain<ICustomerGrain>(customerId).Notifications()).Select(notification => notification.Kind));
        await host.StopAsync();
    }
}
