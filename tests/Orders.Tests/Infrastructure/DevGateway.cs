using System.Globalization;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Orders.Gateway;

namespace Orders.Tests.Infrastructure;

/// <summary>The README's first command in process: the gateway on a free port, and clients on one channel to it.</summary>
public sealed class DevGateway(WebApplication app, GrpcChannel channel) : IAsyncDisposable
{
    public WebApplication App => app;

    public Clients Api { get; } = new(channel);

    /// <remarks>
    /// The dev silo on free ports too, unless the test names them: on its defaults (11111, 30000)
    /// it would fail to start beside a dev-mode system the user left running.
    /// </remarks>
    public static async Task<DevGateway> Start(Dictionary<string, string?>? settings = null)
    {
        var configured = new Dictionary<string, string?>
        {
            ["Gateway:Ports"] = "0",
            ["Gateway:HttpPorts"] = "0",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? [])
            configured[key] = value;
        var app = GatewayApp.Build([], configuration => configuration.AddInMemoryCollection(configured));
        await app.StartAsync();
        return new DevGateway(app, GrpcChannel.ForAddress(Assert.Single(app.GrpcAddresses())));
    }

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        await app.DisposeAsync();
    }
}
