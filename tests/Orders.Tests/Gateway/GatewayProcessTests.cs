using System.Diagnostics;

namespace Orders.Tests.Gateway;

/// <summary>The gateway as its own process, as the README's first command starts it.</summary>
public sealed class GatewayProcessTests
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
}
