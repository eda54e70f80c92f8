using Microsoft.Extensions.Hosting;

namespace Orders.Silo.Hosting;

/// <summary>
/// A silo's process from its start to its exit code. A setting it refuses is said in one line
/// naming its key, and the process exits 1, as the gateway's does: it crashed with a stack trace
/// and a core dump (exit 134) instead.
/// </summary>
public static class SiloProcess
{
    /// <summary>Runs a silo configured by <paramref name="args"/> and the environment until it is stopped; 1 if it could not start.</summary>
    public static async Task<int> Run(string[] args, TextWriter errors)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        IHost built;
        try
        {
            builder.AddOrdersTelemetry("orders-silo");
            builder.UseOrleans(silo => silo.AddOrders());
            built = builder.Build();
        }
        catch (InvalidOperationException misconfigured)
        {
            await errors.WriteLineAsync($"The silo could not start: {misconfigured.Message}");
            return 1;
        }

        using var host = built;
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orders.Silo");
        if ((await TryStart(host, log, errors)).ExitCode() is { } exitCode)
            return exitCode;
        // A silo started without its connection string would otherwise run alone and keep nothing,
        // unseen by every gateway of the cluster it was meant to join.
        if (OrdersConfiguration.ConnectionString(builder.Configuration) is null)
            log.LogWarning("Orders silo in dev mode: alone, in-memory storage, nothing durable (set ConnectionStrings__Orders to join a cluster)");
        else
            log.LogInformation("Orders silo in cluster mode, on PostgreSQL");
        await host.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// Starts <paramref name="host"/>, or says why not: an option out of range in one line (checked
    /// before anything starts), anything else (PostgreSQL not reachable for the schema) with its
    /// stack trace, after stopping what had started, for the process's supervisor to start it again.
    /// </summary>
    private static async Task<StartOutcome> TryStart(IHost host, ILogger log, TextWriter errors)
    {
        try
        {
            await host.StartAsync();
            return StartOutcome.Running;
        }
        catch (Exception refused) when (FailedStart.SettingsRefused(refused) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                await errors.WriteLineAsync($"The silo could not start: {problem}");
            return StartOutcome.Failed;
        }
        catch (Exception) when (host.StopAskedWhileStarting())
        {
            log.LogInformation("The silo was stopped before it had started");
            await host.StopWhatStarted(log);
            return StartOutcome.Stopped;
        }
        catch (Exception failure)
        {
            log.LogCritical(failure, "The silo could not start");
        }
        await host.StopWhatStarted(log);
        return StartOutcome.Failed;
    }
}
