using System.Net;
using System.Net.Sockets;

namespace Orders.Tests.Infrastructure;

/// <summary>For endpoints that cannot take port 0, such as a silo's, which the membership table advertises.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
