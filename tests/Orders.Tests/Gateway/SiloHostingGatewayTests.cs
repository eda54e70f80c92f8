using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orders.Gateway;
using Orders.Silo.Hosting;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>
/// <c>Gateway:HostsSilo</c>: a cluster-mode gateway that is a silo of the cluster itself, so its
/// calls reach grains without crossing to another process, and its grains' state is the cluster's.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SiloHostingGatewayTests(GatewayFixture fixture)
{
    private readonly Clients clientGateway = new(fixture.Channel);

    [Fact]
    public async Task A_gateway_hosting_a_silo_joins_the_cluster_serves_it_and_leaves_its_orders_behind_when_it_stops()
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var before = await management.GetHosts(onlyActive: true);
        var (_, productId) = await clientGateway.SeedProduct(stock: 5);
        var gateway = await fixture.StartOwnSiloHostingGateway();
        var ownSilo = gateway.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var placed = await Through(gateway, async siloGateway =>
        {
            // At once, while the cluster may still be taking the silo in: the stock, already active
            // elsewhere, must not start a second time here (the directory is strongly consistent).
            var created = await siloGateway.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 2));
            var joined = await Eventually.Until(() => management.GetHosts(onlyActive: true), hosts => hosts.ContainsKey(ownSilo));
            var seenThroughTheClient = await clientGateway.Orders.GetOrderAsync(new GetOrderRequest { OrderId = created.OrderId });

            Assert.Equal(OrderStatus.Paid, created.Status);
            Assert.Equal(before.Count + 1, joined.Count);
            Assert.Equal(created, seenThroughTheClient);
            return created;
        });

        var left = await Eventually.Until(() => management.GetHosts(onlyActive: true), hosts => !hosts.ContainsKey(ownSilo));
        var afterwards = await clientGateway.Orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId });
        var stock = await clientGateway.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        Assert.Equal(before.Keys.Order(), left.Keys.Order());
        Assert.Equal(placed, afterwards);
        Assert.Equal((5, 2, 0), (stock.OnHand, stock.Reserved, stock.Sold));
    }

    [Fact]
    public async Task A_gateway_whose_port_is_taken_does_not_start_and_its_silo_leaves_the_cluster_at_once()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();

        await NotStartedAndLeft(fixture.BuildOwnSiloHostingGateway(((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_gateway_told_to_listen_on_an_address_not_its_machines_does_not_start_and_its_silo_leaves_the_cluster_at_once()
    {
        // An address kept for documentation (RFC 3849); IPv4's such ranges are some machines' own
        // (this one's interface is 192.0.2.2).
        await NotStartedAndLeft(fixture.BuildOwnSiloHostingGateway(FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), address: "2001:db8::1"));
    }

    private async Task NotStartedAndLeft(WebApplication built)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await using var gateway = built;

        var started = await gateway.TryStart();

        Assert.Equal(StartOutcome.Failed, started);
        var ownSilo = gateway.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        // Left, not waiting to be declared dead while the cluster's calls to it fail.
        Assert.DoesNotContain(ownSilo, (await management.GetHosts(onlyActive: true)).Keys);
    }

    /// <summary>
    /// A watch's observer lives in the gateway's own silo here, not in a client. The deadline is
    /// shorter than the watch's lease renewal, so only the order's nudge can bring the change in time.
    /// </summary>
    [Fact]
    public async Task A_watch_through_a_gateway_hosting_a_silo_hears_of_a_change_made_through_another_gateway()
    {
        var (_, productId) = await clientGateway.SeedProduct(stock: 1);
        var placed = await clientGateway.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, quantity: 1));
        var gateway = await fixture.StartOwnSiloHostingGateway();

        await Through(gateway, async siloGateway =>
        {
            using var watch = siloGateway.Orders.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId }, deadline: DateTime.UtcNow.AddSeconds(15));
            var first = await watch.Next();
            await clientGateway.Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId, Reason = "changed my mind" });
            var cancelled = await watch.Next();

            Assert.Equal(OrderStatus.Paid, first.Change.Status);
            Assert.Equal((OrderStatus.Cancelled, "at the customer's request: changed my mind"), (cancelled.Change.Status, cancelled.Change.Reason));
            return cancelled;
        });
    }

    /// <summary>Runs calls through the gateway, then stops it whatever they did, so its silo leaves the cluster.</summary>
    private static async Task<T> Through<T>(WebApplication gateway, Func<Clients, Task<T>> calls)
    {
        try
        {
            using var channel = GrpcChannel.ForAddress(Assert.Single(gateway.GrpcAddresses()));
            return await calls(new Clients(channel));
        }
        finally
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
        }
    }
}
