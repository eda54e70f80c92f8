using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orders.Grains.Catalog;
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
        var restaurantId = await shop.Restaurant();
        var pizza = await shop.Product(restaurantId, stock: 5);
        InjectedFaults.Instance.FailNextPublish<OrderPlaced>($"order:{orderId}");

        var order = grains.GetGrain<IOrderGrain>(orderId);

        // The placement is stored by its one write, whose publish fails: the answer stands.
        var placed = await order.Place(new PlaceOrder(customerId, [new LineRequest(pizza, 1)]));
        Assert.Equal(OrderStatus.Paid, placed.Value!.Status);
        // Nothing calls the order again: it publishes on its own.
        var inbox = await Eventually.Until(
            () => grains.GetGrain<ICustomerGrain>(customerId).Notifications(),
            found => found.Any(n => n.Kind == NotificationKind.OrderPlaced));

        Assert.False(InjectedFaults.Instance.PublishFailurePending<OrderPlaced>($"order:{orderId}"));
        Assert.Equal(OrderStatus.Paid, (await order.Get())!.Status);
        Assert.Equal(orderId, Assert.Single(inbox, notification => notification.Kind == NotificationKind.OrderPlaced).OrderId);
        // Lists are changed as the events are published: the restaurant's pending orders too, and the cancellation takes the order off.
        var restaurant = grains.GetGrain<IRestaurantGrain>(restaurantId);
        await Eventually.Until(() => restaurant.PendingOrders(), found => found.Any(pending => pending.OrderId == orderId));
        Assert.False((await grains.GetGrain<IOrderGrain>(orderId).Cancel("changed my mind")).IsRefused);
        Assert.Empty(await restaurant.PendingOrders());
        await host.StopAsync();
    }
}
