using System.Globalization;
using System.Net;

namespace Orders.Gateway;

/// <summary>Where the gateway listens: <c>Gateway:Address</c> and <c>Gateway:Ports</c> (comma separated).</summary>
public sealed record GatewayOptions(IPAddress Address, ImmutableArray<int> Ports)
{
    public const string Section = "Gateway";

    /// <summary>The seed systems' clients hard-code these ports, so every service is served on each.</summary>
    public const string DefaultPorts = "50051,50052,50053";

    public static GatewayOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var address = IPAddress.Parse(section["Address"] ?? "127.0.0.1");
        var ports = (section["Ports"] ?? DefaultPorts)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(port => int.Parse(port, CultureInfo.InvariantCulture))
            .ToImmutableArray();
        return new GatewayOptions(address, ports);
    }
}
