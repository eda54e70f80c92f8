using System.Globalization;
using System.Net;

namespace Orders.Gateway;

/// <summary>
/// Where the gateway listens (<c>Gateway:Address</c>; <c>Gateway:Ports</c> for gRPC and
/// <c>Gateway:HttpPorts</c> for JSON over HTTP/1.1, each comma separated, the latter empty for none) and,
/// in cluster mode, whether it is a silo of the cluster itself (<c>Gateway:HostsSilo</c>) or a
/// client of it; the currency of the prices the seed systems' clients send as plain numbers
/// (<c>Gateway:SeedCurrency</c>, EUR unless set); and how long a WatchOrder may run before it
/// ends for its client to watch again (<c>Gateway:WatchLongest</c>, an hour unless set).
/// </summary>
public sealed record GatewayOptions(IPAddress Address, ImmutableArray<int> Ports, ImmutableArray<int> HttpPorts, bool HostsSilo, string SeedCurrency,
    TimeSpan WatchLongest)
{
    public const string Section = "Gateway";

    /// <summary>The seed systems' clients hard-code these ports, so every service is served on each.</summary>
    public const string DefaultPorts = "50051,50052,50053";

    public const string DefaultHttpPorts = "8080";

    /// <exception cref="InvalidOperationException">A setting is not what it must be; the message names the key.</exception>
    public static GatewayOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var address = section["Address"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out var parsed))
            throw new InvalidOperationException($"{Section}:Address must be an IP address, not '{address}'");

        var ports = PortList(section, "Ports", DefaultPorts);
        // With no port at all Kestrel would listen on its own default instead, silently.
        if (ports.IsEmpty)
            throw new InvalidOperationException(
                $"{Section}:Ports must be comma-separated port numbers (0 picks a free one), not '{section["Ports"]}'");
        var httpPorts = PortList(section, "HttpPorts", DefaultHttpPorts);

        var hostsSilo = section["HostsSilo"] ?? "false";
        if (!bool.TryParse(hostsSilo, out var hosts))
            throw new InvalidOperationException($"{Section}:HostsSilo must be true or false, not '{hostsSilo}'");

        var seedCurrency = section["SeedCurrency"] ?? "EUR";
        if (seedCurrency.Length != 3 || !seedCurrency.All(char.IsAsciiLetterUpper))
            throw new InvalidOperationException($"{Section}:SeedCurrency must be an ISO 4217 code such as EUR, not '{seedCurrency}'");
        var watchLongest = section["WatchLongest"] ?? "01:00:00";
        if (!CheckedOptions.WrittenAsTime(watchLongest) || !TimeSpan.TryParse(watchLongest, CultureInfo.InvariantCulture, out var longest)
            || longest <= TimeSpan.Zero || longest > CheckedOptions.LongestWait)
            throw new InvalidOperationException($"{Section}:WatchLongest must be a time span above zero and at most {CheckedOptions.LongestWait}, such as 01:00:00, not '{watchLongest}'");
        return new GatewayOptions(parsed, ports, httpPorts, hosts, seedCurrency, longest);
    }

    private static ImmutableArray<int> PortList(IConfigurationSection section, string key, string defaultPorts)
    {
        ImmutableArray<int?> ports = [.. (section[key] ?? defaultPorts)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Port)];
        if (ports.Contains(null))
            throw new InvalidOperationException(
                $"{Section}:{key} must be comma-separated port numbers (0 picks a free one), not '{section[key]}'");
        return [.. ports.Select(port => port!.Value)];
    }

    private static int? Port(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort ? port : null;
}
