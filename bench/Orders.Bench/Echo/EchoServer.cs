using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orders.Bench.Echo;

/// <summary>A trivial gRPC server in its own process: what this machine's gRPC stack does with no work behind it.</summary>
public sealed class EchoServer : EchoService.EchoServiceBase
{
    public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);

    public static async Task Run(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ListenLocalhost(port, endpoint => endpoint.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<EchoServer>();
        Console.WriteLine($"echo server on 127.0.0.1:{port}");
        await app.RunAsync();
    }
}
