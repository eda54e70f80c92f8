using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Orders.Gateway;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>
/// <c>Gateway:HostsSilo</c>: a cluster-mode gateway that is a silo of the cluster itself, so its
/// calls reach grains without crossing to another process, and its grains' state is the cluster's.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SiloHostingGatewayTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_gateway_hosting_a_silo_joins_the_cluster_serves_it_and_leaves_its_orders_behind_when_it_stops()
    {
        var gateway = await fixture.StartOwnSiloHostingGateway();
        var ownSilo = gateway.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var clientGateway = new Clients(fixture.Channel);
        string orderId;
        using (var channel = GrpcChannel.ForAddress(Assert.Single(gateway.Addresses())))
        {
            var siloGateway = new Clients(channel);
            var (_, productId) = await clientGateway.SeedProduct(stock: 5);

            var placed = await siloGateway.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 2));
            orderId = placed.OrderId;
            var joined = await Eventually.Until(() => management.GetHosts(onlyActive: true), hosts => hosts.ContainsKey(ownSilo));
            var seenThroughTheClient = await clientGateway.Orders.GetOrderAsync(new GetOrderRequest { OrderId = orderId });

            Assert.Equal(OrderStatus.Paid, placed.Status);
            Assert.Equal(3, joined.Count);
            Assert.Equal(placed, seenThroughTheClient);
        }

        await gateway.StopAsync();
        await gateway.DisposeAsync();

        var left = await Eventually.Until(() => management.GetHosts(onlyActive: true), hosts => !hosts.ContainsKey(ownSilo));
        var afterwards = await clientGateway.Orders.GetOrderAsync(new GetOrderRequest { OrderId = orderId });
        var stock = await clientGateway.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = afterwards.Lines[0].ProductId });
        Assert.Equal(2, left.Count);
        Assert.Equal(OrderStatus.Paid, afterwards.Status);
        Assert.Equal((5, 2, 0), (stock.OnHand, stock.Reserved, stock.Sold));
    }
}
