using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Orders.Gateway;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// A two-silo cluster and a gateway in cluster mode in front of it, listening on two free
/// loopback ports; tests call it over real HTTP/2 sockets.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private TestCluster cluster = null!;
    private WebApplication gateway = null!;

    public IReadOnlyList<GrpcChannel> Channels { get; private set; } = [];

    public GrpcChannel Channel => Channels[0];

    public async Task InitializeAsync()
    {
        cluster = await OrdersCluster.StartAsync();
        gateway = GatewayApp.Build([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = TestDatabase.ConnectionString,
            ["Orleans:ClusterId"] = cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = cluster.Options.ServiceId,
            ["Gateway:Ports"] = "0,0",
        }));
        await gateway.StartAsync();
        Channels = [.. gateway.Addresses().Select(address => GrpcChannel.ForAddress(address))];
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in Channels)
            channel.Dispose();
        await gateway.StopAsync();
        await gateway.DisposeAsync();
        await cluster.DisposeAsync();
    }
}
