using Grpc.Core;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>Event-driven effects, seen through the public API.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayEventTests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);
    private readonly NotificationService.NotificationServiceClient notifications = new(fixture.Channel);

    [Fact]
    public async Task A_restaurant_rename_reaches_its_products_and_their_open_orders()
    {
        var (restaurantId, productId) = await api.SeedProduct(stock: 5, cents: 1000);
        var order = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));

        await api.Restaurants.UpdateRestaurantAsync(new UpdateRestaurantRequest { RestaurantId = restaurantId, Name = "Chez Luigi", Address = "2 Main Street" });

        var product = await Eventually.Until(
            async () => await api.Catalog.GetProductAsync(new GetProductRequest { ProductId = productId }),
            found => found.RestaurantName == "Chez Luigi");
        var followed = await Eventually.Until(
            async () => await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId }),
            found => found.RestaurantName == "Chez Luigi");
        Assert.Equal(2L, product.Version);
        Assert.Equal(order.Total, followed.Total);
    }

    [Fact]
    public async Task A_product_taken_off_the_menu_is_listed_off_it_and_refused_for_orders()
    {
        var (restaurantId, productId) = await api.SeedProduct(stock: 5, cents: 1000);

        await api.Restaurants.SetMenuAsync(new SetMenuRequest { RestaurantId = restaurantId });
        var withdrawn = await Eventually.Until(
            async () => await api.Catalog.GetProductAsync(new GetProductRequest { ProductId = productId }), found => !found.OnMenu);
        // Every silo's copy of the product follows within milliseconds; until then an order may still go through.
        var refused = await Eventually.Until(
            async () => await Record.ExceptionAsync(() => api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1)).ResponseAsync),
            failure => failure is not null) as RpcException;
        var listed = await api.Catalog.ListRestaurantProductsAsync(new ListRestaurantProductsRequest { RestaurantId = restaurantId });

        Assert.Equal((StatusCode.FailedPrecondition, $"not on its restaurant's menu: {productId}"), (refused?.StatusCode, refused?.Status.Detail));
        Assert.Equal(withdrawn, Assert.Single(listed.Products));
    }

    [Fact]
    public async Task A_product_update_renames_open_orders_and_prices_new_ones()
    {
        var (_, productId) = await api.SeedProduct(stock: 5, cents: 1000);
        var first = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));

        await api.Catalog.UpdateProductAsync(new UpdateProductRequest
        {
            ProductId = productId, Name = "Quattro Formaggi", Description = "four cheeses", Price = Clients.Euros(1400), Available = true,
        });

        var renamed = await Eventually.Until(
            async () => await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = first.OrderId }),
            found => found.Lines[0].Name == "Quattro Formaggi");
        Assert.Equal(1000L, renamed.Lines[0].UnitPrice.MinorUnits);
        // A new order prices from the silo caches, which the update's broadcast refreshes.
        var second = await Eventually.Until(
            async () =>
            {
                var placed = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));
                await api.Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId });
                return placed;
            },
            placed => placed.Total.MinorUnits == 1400);
        Assert.Equal("Quattro Formaggi", second.Lines[0].Name);
    }

    [Fact]
    public async Task A_customer_reads_a_notification_per_order_event()
    {
        var customerId = Unique.Id("customer");
        var (_, productId) = await api.SeedProduct(stock: 5, cents: 700);
        var order = await api.Orders.CreateOrderAsync(Clients.OrderFor(customerId, productId, quantity: 3));
        await api.Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = order.OrderId, Reason = "wrong address" });

        var found = await Eventually.Until(
            async () => await notifications.ListNotificationsAsync(new ListNotificationsRequest { CustomerId = customerId }),
            found => found.Notifications.Any(n => n.Kind == NotificationKind.OrderCancelled));

        // Payment runs meanwhile: the order may be paid (and then refunded) before the cancel lands.
        var inbox = found.Notifications.Where(n => n.Kind is NotificationKind.OrderPlaced or NotificationKind.OrderCancelled).ToList();
        Assert.Equal([NotificationKind.OrderPlaced, NotificationKind.OrderCancelled], inbox.Select(n => n.Kind));
        Assert.All(found.Notifications, notification => Assert.Equal(order.OrderId, notification.OrderId));
        Assert.Equal($"Order {order.OrderId} is cancelled: at the customer's request: wrong address.", inbox[1].Message);
    }
}
