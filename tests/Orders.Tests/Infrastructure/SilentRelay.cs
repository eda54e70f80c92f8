using System.Net;
using System.Net.Sockets;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a loopback port to another endpoint, whose open connections can be made to go
/// silent without closing, as a network that drops every packet (a failover, a partition) leaves
/// them: neither end hears a reset, and each waits for the other.
/// </summary>
public sealed class SilentRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> connections = [];
    private readonly string host;
    private readonly int port;
    private CancellationTokenSource silencing = new();

    private SilentRelay(string host, int port)
    {
        this.host = host;
        this.port = port;
    }

    /// <summary>The loopback port that relays to the endpoint.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static SilentRelay To(string host, int port)
    {
        var relay = new SilentRelay(host, port);
        relay.listener.Start();
        _ = relay.Accept();
        return relay;
    }

    /// <summary>The connections open now relay nothing more and stay open; later ones relay as usual.</summary>
    public void Silence() => Interlocked.Exchange(ref silencing, new CancellationTokenSource()).Cancel();

    private async Task Accept()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                var server = new TcpClient();
                await server.ConnectAsync(host, port, stopping.Token);
                lock (connections)
                    connections.AddRange([client, server]);
                var silence = silencing.Token;
                _ = Relay(client.GetStream(), server.GetStream(), silence);
                _ = Relay(server.GetStream(), client.GetStream(), silence);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private static async Task Relay(NetworkStream from, NetworkStream to, CancellationToken silence)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, silence)) > 0)
                await to.WriteAsync(buffer.AsMemory(0, read), silence);
            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception failure) when (failure is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Silenced (both ends stay open, hearing nothing), or one end went away.
        }
    }

    public ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        lock (connections)
        {
            foreach (var connection in connections)
                connection.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
