using Grpc.Net.Client;

namespace Orders.Tests.Gateway.Seeds;

/// <summary>The seed systems' clients, on one channel to a gateway.</summary>
public sealed class SeedClients(GrpcChannel channel)
{
    public Orders.Compat.Seed000.Ordering.orderService.orderServiceClient Seed000Orders { get; } = new(channel);
    public Orders.Compat.Seed000.Stock.InventoryService.InventoryServiceClient Seed000Inventory { get; } = new(channel);
    public Orders.Compat.Seed003.Ordering.OrderService.OrderServiceClient Seed003Orders { get; } = new(channel);
    public Orders.Compat.Seed003.Restaurants.RestaurantService.RestaurantServiceClient Seed003Restaurants { get; } = new(channel);
    public Orders.Compat.Seed003.Delivery.DeliveryService.DeliveryServiceClient Seed003Delivery { get; } = new(channel);
    public Orders.Compat.Seed004.OrderService.OrderServiceClient Seed004Orders { get; } = new(channel);

    /// <summary>Adds <paramref name="quantity"/> to the product's stock through seed 000's inventory service.</summary>
    public async Task Stock(string productId, int quantity) =>
        await Seed000Inventory.UpdateInventoryAsync(new() { ProductId = productId, Quantity = quantity });
}
