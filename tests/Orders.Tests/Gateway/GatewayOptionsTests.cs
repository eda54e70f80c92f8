using Microsoft.Extensions.Configuration;
using Orders.Gateway;

namespace Orders.Tests.Gateway;

/// <summary>The gateway's listening settings: a bad one stops it at once, naming the key.</summary>
public sealed class GatewayOptionsTests
{
    [Fact]
    public void With_no_settings_it_listens_on_the_seed_ports_of_the_loopback_address()
    {
        var options = GatewayOptions.From(Settings());

        Assert.Equal("127.0.0.1", options.Address.ToString());
        Assert.Equal([50051, 50052, 50053], options.Ports.ToArray());
        Assert.Equal([8080], options.HttpPorts.ToArray());
        Assert.False(options.HostsSilo);
        Assert.Equal("EUR", options.SeedCurrency);
    }

    [Theory]
    [InlineData("0, 6001")]
    [InlineData("65535")]
    public void Ports_are_read_as_given(string ports) =>
        Assert.Equal(ports.Split(',').Select(port => int.Parse(port.Trim())), GatewayOptions.From(Settings(ports: ports)).Ports);

    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("50051;50052")]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("http")]
    public void Ports_that_are_no_port_numbers_are_refused_by_key(string ports)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayOptions.From(Settings(ports: ports)));

        Assert.StartsWith("Gateway:Ports must be comma-separated port numbers", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", new int[0])]
    [InlineData("0, 8081", new[] { 0, 8081 })]
    public void Json_ports_are_read_as_given_and_none_when_empty(string httpPorts, int[] expected) =>
        Assert.Equal(expected, GatewayOptions.From(Settings(httpPorts: httpPorts)).HttpPorts.ToArray());

    [Fact]
    public void Json_ports_that_are_no_port_numbers_are_refused_by_key()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayOptions.From(Settings(httpPorts: "http")));

        Assert.Equal("Gateway:HttpPorts must be comma-separated port numbers (0 picks a free one), not 'http'", refused.Message);
    }

    [Fact]
    public void An_address_that_is_no_ip_address_is_refused_by_key()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayOptions.From(Settings(address: "localhost")));

        Assert.Equal("Gateway:Address must be an IP address, not 'localhost'", refused.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Hosting_a_silo_is_read_as_given(string hostsSilo, bool expected) =>
        Assert.Equal(expected, GatewayOptions.From(Settings(hostsSilo: hostsSilo)).HostsSilo);

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("")]
    public void Hosting_a_silo_takes_true_or_false_only(string hostsSilo)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayOptions.From(Settings(hostsSilo: hostsSilo)));

        Assert.Equal($"Gateway:HostsSilo must be true or false, not '{hostsSilo}'", refused.Message);
    }

    [Fact]
    public void The_seed_currency_is_read_as_given() =>
        Assert.Equal("JPY", GatewayOptions.From(Settings(seedCurrency: "JPY")).SeedCurrency);

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    public void A_seed_currency_that_is_no_iso_code_is_refused_by_key(string seedCurrency)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayOptions.From(Settings(seedCurrency: seedCurrency)));

        Assert.Equal($"Gateway:SeedCurrency must be an ISO 4217 code such as EUR, not '{seedCurrency}'", refused.Message);
    }

    [Theory]
    [InlineData("an hour")]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("100.00:00:00")]
    [InlineData("1")]
    public void A_watch_s_longest_life_that_is_no_time_span_within_a_timer_s_reach_is_refused_by_key(string watchLongest)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayOptions.From(Settings(watchLongest: watchLongest)));

        Assert.StartsWith("Gateway:WatchLongest must be a time span above zero", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith($"not '{watchLongest}'", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(
        string? address = null, string? ports = null, string? hostsSilo = null, string? seedCurrency = null, string? httpPorts = null,
        string? watchLongest = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Address"] = address,
            ["Gateway:Ports"] = ports,
            ["Gateway:HttpPorts"] = httpPorts,
            ["Gateway:HostsSilo"] = hostsSilo,
            ["Gateway:SeedCurrency"] = seedCurrency,
            ["Gateway:WatchLongest"] = watchLongest,
        }).Build();
}
