using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orders.Gateway;

/// <summary>
/// The gateway's endpoints by what they serve: gRPC over HTTP/2 and, on ports of their own, JSON
/// over HTTP/1.1. A cleartext endpoint open to both protocols would speak HTTP/1.1 alone, which
/// gRPC's clients cannot use (dotnet/aspnetcore#56984). Once bound, each knows its port, the one
/// the OS picked for a port 0 included.
/// </summary>
public sealed class GatewayEndpoints
{
    private readonly List<ListenOptions> grpc = [];
    private readonly List<ListenOptions> json = [];

    public void Listen(KestrelServerOptions kestrel, GatewayOptions options)
    {
        foreach (var port in options.Ports)
            kestrel.Listen(options.Address, port, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http2;
                grpc.Add(endpoint);
            });
        foreach (var port in options.HttpPorts)
            kestrel.Listen(options.Address, port, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http1;
                json.Add(endpoint);
            });
    }

    public IReadOnlyList<string> Grpc => Urls(grpc);

    public IReadOnlyList<string> Json => Urls(json);

    private static List<string> Urls(List<ListenOptions> endpoints) => [.. endpoints.Select(endpoint => $"http://{endpoint.IPEndPoint}")];
}
