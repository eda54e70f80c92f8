using Grpc.Core;
using Grpc.Net.Client;
using Orders.Bench.Echo;
using Orders.V1;

namespace Orders.Bench;

/// <summary>
/// The public API's clients spread over several HTTP/2 connections (one channel each, so one
/// connection each), handed out round-robin; with a token, every call carries it.
/// </summary>
public sealed class Api : IDisposable
{
    private readonly GrpcChannel[] channels;
    private int next;

    public Api(IReadOnlyList<Uri> targets, int connections, string? token = null)
    {
        channels = [.. Enumerable.Range(0, Math.Max(1, connections)).Select(index => GrpcChannel.ForAddress(targets[index % targets.Count], new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            Credentials = token is null ? null : ChannelCredentials.Create(ChannelCredentials.Insecure, Bearer(token)),
            // The gateway listens in cleartext on loopback; the token is the point of the run.
            UnsafeUseInsecureChannelCallCredentials = token is not null,
        }))];
    }

    private static CallCredentials Bearer(string token)
    {
        var header = $"Bearer {token}";
        return CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", header);
            return Task.CompletedTask;
        });
    }

    public OrderService.OrderServiceClient Orders => new(Channel());
    public InventoryService.InventoryServiceClient Inventory => new(Channel());
    public CatalogService.CatalogServiceClient Catalog => new(Channel());
    public RestaurantService.RestaurantServiceClient Restaurants => new(Channel());
    public NotificationService.NotificationServiceClient Notifications => new(Channel());
    public DeliveryService.DeliveryServiceClient Delivery => new(Channel());
    public EchoService.EchoServiceClient Echo => new(Channel());

    public void Dispose()
    {
        foreach (var channel in channels)
            channel.Dispose();
    }

    private GrpcChannel Channel() => channels[(int)((uint)Interlocked.Increment(ref next) % channels.Length)];
}
