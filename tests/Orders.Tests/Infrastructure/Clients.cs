using Grpc.Net.Client;
using Orders.V1;

namespace Orders.Tests.Infrastructure;

/// <summary>The native API's clients over one channel, and seeding through them.</summary>
public sealed class Clients(GrpcChannel channel)
{
    public OrderService.OrderServiceClient Orders { get; } = new(channel);
    public InventoryService.InventoryServiceClient Inventory { get; } = new(channel);
    public CatalogService.CatalogServiceClient Catalog { get; } = new(channel);
    public RestaurantService.RestaurantServiceClient Restaurants { get; } = new(channel);
    public DeliveryService.DeliveryServiceClient Delivery { get; } = new(channel);
    public NotificationService.NotificationServiceClient Notifications { get; } = new(channel);

    public static V1.Money Euros(long cents) => new() { MinorUnits = cents, Currency = "EUR" };

    /// <summary>A restaurant with one product priced at <paramref name="cents"/> and <paramref name="stock"/> units.</summary>
    public async Task<(string RestaurantId, string ProductId)> SeedProduct(int stock, long cents = 1250)
    {
        var restaurantId = Unique.Id("restaurant");
        var productId = Unique.Id("product");
        await Restaurants.CreateRestaurantAsync(new CreateRestaurantRequest { RestaurantId = restaurantId, Name = "Luigi's", Address = "1 Main Street" });
        await Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = productId, RestaurantId = restaurantId, Name = "Margherita", Price = Euros(cents), Available = true,
        });
        if (stock > 0)
            await Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = stock });
        return (restaurantId, productId);
    }

    public Task<Restaurant> Configure(string restaurantId, bool autoAccept, TimeSpan prepTime, string zone) =>
        Restaurants.UpdateRestaurantSettingsAsync(new UpdateRestaurantSettingsRequest
        {
            RestaurantId = restaurantId,
            Settings = new RestaurantSettings
            {
                Open = true, AutoAccept = autoAccept, PrepTime = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(prepTime), KitchenCapacity = 2, Zone = zone,
            },
        }).ResponseAsync;

    /// <summary>A registered driver in <paramref name="zone"/>, on duty.</summary>
    public async Task<string> DriverOnDuty(string zone)
    {
        var driverId = Unique.Id("driver");
        await Delivery.RegisterDriverAsync(new RegisterDriverRequest { DriverId = driverId, Name = "Dana", Zone = zone });
        await Delivery.SetDriverOnDutyAsync(new SetDriverOnDutyRequest { DriverId = driverId, OnDuty = true });
        return driverId;
    }

    /// <summary>Waits until the order has a status (and whatever else <paramref name="also"/> asks), reading it through the API.</summary>
    public async Task<Order> Until(string orderId, OrderStatus status, Func<Order, bool>? also = null) =>
        await Eventually.Until(
            async () => await Orders.GetOrderAsync(new GetOrderRequest { OrderId = orderId }),
            order => order.Status == status && (also?.Invoke(order) ?? true));

    /// <summary>The driver's three reports, in order.</summary>
    public async Task Deliver(string orderId)
    {
        foreach (var step in new[] { DeliveryStatus.PickedUp, DeliveryStatus.OutForDelivery, DeliveryStatus.Delivered })
            await Delivery.UpdateDeliveryStatusAsync(new UpdateDeliveryStatusRequest { OrderId = orderId, Status = step });
    }

    public static CreateOrderRequest OrderFor(string customerId, string productId, int quantity, string clientOrderId = "") => new()
    {
        ClientOrderId = clientOrderId,
        CustomerId = customerId,
        Lines = { new OrderLineRequest { ProductId = productId, Quantity = quantity } },
    };
}
