using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orders.Gateway;
using Orders.Silo.Hosting;

namespace Orders.Tests.Gateway;

/// <summary>The gateway as its own process, as the README's first command starts it, and a silo's process from its start to its exit code.</summary>
public sealed class ProcessStartTests
{
    [Fact]
    public async Task A_setting_the_gateway_refuses_is_said_plainly_and_the_process_exits_1()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Orders.Gateway.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment = { ["Gateway__Address"] = "nonsense" },
        };
        using var gateway = Process.Start(start)!;
        var said = gateway.StandardError.ReadToEndAsync();
        await gateway.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await gateway.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, gateway.ExitCode);
        Assert.Equal("The gateway could not start: Gateway:Address must be an IP address, not 'nonsense'", (await said).Trim());
    }

    [Fact]
    public async Task A_gateway_with_access_control_serving_beyond_loopback_warns_that_tokens_cross_the_network_readable()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Orders.Gateway.dll")])
        {
            RedirectStandardOutput = true,
            Environment =
            {
                ["Gateway__Address"] = "0.0.0.0",
                ["Gateway__Ports"] = "0",
                ["Gateway__HttpPorts"] = "",
                ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Auth__SigningKey"] = "a shared key of thirty-two bytes or more!",
            },
        };
        using var gateway = Process.Start(start)!;
        const string warning = "Access control is on and the gateway serves plain HTTP beyond loopback";
        string? line;
        try
        {
            // Read until the warning, the end of the output, or a minute without a line.
            do
                line = await gateway.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            while (line is not null && !line.Contains(warning, StringComparison.Ordinal));
        }
        finally
        {
            gateway.Kill(entireProcessTree: true);
        }

        Assert.NotNull(line);
    }

    [Fact]
    public async Task A_gateway_whose_silo_cannot_reach_postgresql_reports_a_failed_start_instead_of_crashing()
    {
        var unreachable = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=orders;Timeout=2",
            ["Gateway:HostsSilo"] = "true",
            ["Gateway:Ports"] = "0",
            ["Gateway:HttpPorts"] = "",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        await using var app = GatewayApp.Build([], configuration => configuration.AddInMemoryCollection(unreachable));

        Assert.Equal(StartOutcome.Failed, await app.TryStart().WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_stop_takes_as_long_as_the_setting_the_readme_names_allows()
    {
        await using var app = GatewayApp.Build(["--shutdownTimeoutSeconds=45"]);

        Assert.Equal(TimeSpan.FromSeconds(45), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task A_gateway_stopped_while_it_waits_for_its_first_silo_stops_as_asked_not_as_a_failed_start()
    {
        var noSiloYet = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = TestDatabase.ConnectionString,
            ["Orleans:ClusterId"] = Unique.Id("cluster-without-silos"),
            ["Gateway:Ports"] = "0",
            ["Gateway:HttpPorts"] = "",
        };
        await using var app = GatewayApp.Build([], configuration => configuration.AddInMemoryCollection(noSiloYet));

        var starting = app.TryStart();
        app.Lifetime.StopApplication();

        // Not Failed, which a process exits 1 on after a Critical line that pages someone.
        Assert.Equal(StartOutcome.Stopped, await starting.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_connection_string_the_silo_cannot_read_is_said_plainly_and_the_silo_exits_1()
    {
        var said = new StringWriter();

        var exitCode = await SiloProcess.Run(["--ConnectionStrings:Orders=Host=db;Max Pool Size=5"], said).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The silo could not start: ConnectionStrings:Orders is not a PostgreSQL connection string Npgsql reads: ", said.ToString(), StringComparison.Ordinal);
        Assert.Contains("max pool size", said.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Options_the_silo_refuses_as_it_starts_are_said_with_their_keys_and_the_silo_exits_1()
    {
        var said = new StringWriter();

        var exitCode = await SiloProcess.Run(["--Lifecycle:SweepInterval=1", "--Payments:Resilience:Retries=-1"], said).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.All(said.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("The silo could not start: ", line, StringComparison.Ordinal));
        Assert.Contains("Lifecycle:SweepInterval must be written as hours, minutes and seconds, such as 00:00:01, not '1'", said.ToString(), StringComparison.Ordinal);
        Assert.Contains("Payments:Resilience:Retries", said.ToString(), StringComparison.Ordinal);
    }
}
