using System.Net;
using Orleans.Configuration;

namespace Orders.Silo.Hosting;

/// <summary>
/// Lets configuration move a silo's endpoints (<c>Orleans:SiloPort</c>, <c>Orleans:GatewayPort</c>,
/// <c>Orleans:AdvertisedIP</c>) so several silos can share one machine. Only the keys that are
/// set change anything; the test cluster picks its own ports and sets none of them.
/// </summary>
internal static class SiloEndpoints
{
    public static void Configure(EndpointOptions options, IConfiguration orleans)
    {
        if (orleans.GetValue<int?>("SiloPort") is { } siloPort)
        {
            options.SiloPort = siloPort;
        }

        if (orleans.GetValue<int?>("GatewayPort") is { } gatewayPort)
        {
            options.GatewayPort = gatewayPort;
        }

        if (orleans["AdvertisedIP"] is { Length: > 0 } address)
        {
            // Orleans advertises an address, not a name: a container's host name is a common mistake.
            options.AdvertisedIPAddress = IPAddress.TryParse(address, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Orleans:AdvertisedIP must be an IP address, not '{address}'");
        }
    }
}
