using System.Globalization;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Orders.Gateway;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// A two-silo cluster and two gateways in cluster mode in front of it: the first listening on two
/// free loopback ports, the second (a separate Orleans client) on one. Tests call them over real
/// HTTP/2 sockets.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private TestCluster cluster = null!;
    private readonly List<WebApplication> gateways = [];

    /// <summary>The first gateway's channels, one per port.</summary>
    public IReadOnlyList<GrpcChannel> Channels { get; private set; } = [];

    public GrpcChannel Channel => Channels[0];

    /// <summary>A channel to the second gateway.</summary>
    public GrpcChannel OtherGateway { get; private set; } = null!;

    /// <summary>The first gateway's JSON address (HTTP/1.1).</summary>
    public Uri Json => new(gateways[0].JsonAddresses()[0]);

    /// <summary>The load generator's client to the first gateway, on one channel.</summary>
    public Orders.Bench.Api BenchApi() => new([new Uri($"http://{Channel.Target}")], 1);

    /// <summary>The test cluster's own client, to see the cluster as its silos do.</summary>
    public IGrainFactory Grains => cluster.Client;

    public async Task InitializeAsync()
    {
        cluster = await OrdersCluster.StartAsync();
        Channels = await StartGateway("0,0");
        OtherGateway = (await StartGateway("0"))[0];
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in Channels.Append(OtherGateway))
            channel.Dispose();
        foreach (var gateway in gateways)
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
        }
        await cluster.DisposeAsync();
    }

    /// <summary>One more gateway in front of the cluster, on a free port, for a test that stops it itself.</summary>
    public Task<WebApplication> StartOwnGateway(Dictionary<string, string?>? settings = null) => StartedGateway("0", settings);

    /// <summary>A gateway that is a third silo of the cluster (<c>Gateway:HostsSilo</c>), for a test that stops it itself.</summary>
    public Task<WebApplication> StartOwnSiloHostingGateway(Dictionary<string, string?>? settings = null) => StartedGateway("0", new(settings ?? [])
    {
        ["Gateway:HostsSilo"] = "true",
        ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>A silo-hosting gateway on <paramref name="ports"/> of <paramref name="address"/>, built and not started, for a test that starts and stops it itself.</summary>
    public WebApplication BuildOwnSiloHostingGateway(string ports, string address = "127.0.0.1") => BuiltGateway(ports, new()
    {
        ["Gateway:HostsSilo"] = "true",
        ["Gateway:Address"] = address,
        ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    });

    private async Task<IReadOnlyList<GrpcChannel>> StartGateway(string ports)
    {
        var gateway = await StartedGateway(ports);
        gateways.Add(gateway);
        return [.. gateway.GrpcAddresses().Select(address => GrpcChannel.ForAddress(address))];
    }

    private async Task<WebApplication> StartedGateway(string ports, Dictionary<string, string?>? settings = null)
    {
        var gateway = BuiltGateway(ports, settings);
        await gateway.StartAsync();
        return gateway;
    }

    private WebApplication BuiltGateway(string ports, Dictionary<string, string?>? settings = null) =>
        GatewayApp.Build([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? [])
        {
            ["ConnectionStrings:Orders"] = TestDatabase.ConnectionString,
            ["Orleans:ClusterId"] = cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = cluster.Options.ServiceId,
            ["Gateway:Ports"] = ports,
            ["Gateway:HttpPorts"] = "0",
            // Each request's information lines would bury a failing test's message in CI's log.
            ["Logging:LogLevel:Default"] = "Warning",
        }));
}
