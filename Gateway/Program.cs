using System.Net;
using Orders.Gateway;
using Orders.Silo.Hosting;

if (args is [TokenCommand.Name, .. var tokenArgs])
{
    var settings = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return TokenCommand.Run(tokenArgs, settings, Console.Out, Console.Error);
}

WebApplication built;
try
{
    built = GatewayApp.Build(args);
}
catch (InvalidOperationException misconfigured)
{
    // A setting the gateway refuses (each check names its key): said plainly, not as a crash.
    await Console.Error.WriteLineAsync($"The gateway could not start: {misconfigured.Message}");
    return 1;
}

// Disposed on the way out, so what the services hold (the batchers, the data source, the last
// export of traces and metrics) is let go too.
await using var app = built;
if ((await app.TryStart()).ExitCode() is { } exitCode)
    return exitCode;

app.Logger.LogInformation(
    "Orders gateway ({Mode}; {Access}) serving gRPC on {GrpcAddresses}; JSON on {JsonAddresses}",
    OrleansHosting.Mode(app.Configuration),
    app.Services.GetRequiredService<AccessOptions>().On ? "access control on" : "access control off: every call is anonymous",
    string.Join(", ", app.GrpcAddresses()),
    app.JsonAddresses() is { Count: > 0 } json ? $"{string.Join(", ", json)} (OpenAPI at {GatewayApp.SwaggerPath})" : "no port (Gateway:HttpPorts is empty)");

// A missing connection string (a secret not mounted, a misspelt key) is dev mode, whose orders
// are gone when the gateway stops: fine on this machine's loopback, worth a warning beyond it.
var beyondLoopback = !IPAddress.IsLoopback(app.Services.GetRequiredService<GatewayOptions>().Address);
if (OrleansHosting.IsDevMode(app.Configuration) && beyondLoopback)
    app.Logger.LogWarning("The gateway serves beyond loopback in dev mode: orders are kept in memory and lost when it stops (set ConnectionStrings__Orders for the cluster mode)");
// It serves no TLS itself: its callers' bearer tokens cross the network readable unless a proxy in front terminates TLS.
if (app.Services.GetRequiredService<AccessOptions>().On && beyondLoopback)
    app.Logger.LogWarning("Access control is on and the gateway serves plain HTTP beyond loopback: terminate TLS in front of it, or bearer tokens cross the network readable");

await app.WaitForShutdownAsync();
return 0;
