using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Orders.Gateway;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>The README's first command: the gateway with no database hosts its own silo and serves the whole API.</summary>
public sealed class DevModeTests
{
    [Fact]
    public async Task The_gateway_without_a_database_runs_orders_on_its_own_silo()
    {
        await using var gateway = GatewayApp.Build([], configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Gateway:Ports"] = "0" }));
        await gateway.StartAsync();
        using var channel = GrpcChannel.ForAddress(Assert.Single(gateway.Addresses()));
        var api = new Clients(channel);

        var (restaurantId, productId) = await api.SeedProduct(stock: 3);
        await api.Configure(restaurantId, autoAccept: true, TimeSpan.FromSeconds(1), zone: "default");
        var driverId = await api.DriverOnDuty("default");

        // The whole lifecycle on memory streams and in-memory reminders: paid, accepted, cooked on the kitchen timer, delivered.
        var placed = await api.Orders.CreateOrderAsync(Clients.OrderFor("customer-dev", productId, quantity: 2));
        var ready = await api.Until(placed.OrderId, OrderStatus.Ready, order => order.DriverId.Length > 0);
        await api.Deliver(placed.OrderId);
        var delivered = await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId });
        var stock = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });

        Assert.Equal(driverId, ready.DriverId);
        Assert.Equal(OrderStatus.Delivered, delivered.Status);
        Assert.Equal((1, 0, 2), (stock.OnHand, stock.Reserved, stock.Sold));
        await gateway.StopAsync();
    }
}
