using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orders.Silo.Hosting;

/// <summary>What a silo's or a gateway's process does with a start that failed.</summary>
public static class FailedStart
{
    /// <summary>
    /// The settings refused in <paramref name="failure"/>, one message for each class of options;
    /// empty if it is another failure. .NET throws one refusal for one class, and an
    /// <see cref="AggregateException"/> of them for several (two bad sections at once).
    /// </summary>
    public static IReadOnlyList<string> SettingsRefused(Exception failure) => failure switch
    {
        OptionsValidationException refused => [refused.Message],
        AggregateException many when many.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. many.InnerExceptions.Select(inner => inner.Message)],
        _ => [],
    };

    /// <summary>
    /// Whether <paramref name="host"/> was asked to stop before its start finished (a superseded
    /// deploy's SIGTERM, Ctrl+C while a gateway waits for its first silo): the host's start follows
    /// its stopping, so the start then fails with a cancellation, which is the stop asked for.
    /// </summary>
    public static bool StopAskedWhileStarting(this IHost host) =>
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    /// <summary>
    /// Stops what had started, so that a silo that joined its cluster leaves it at once instead
    /// of being declared dead after calls to it failed. Orleans refuses to stop a silo that never
    /// reached Running (PostgreSQL not reachable for the schema): that one never joined, and the
    /// refusal, thrown out of the process's failure path, crashed it with exit 134.
    /// </summary>
    public static async Task StopWhatStarted(this IHost host, ILogger log)
    {
        try
        {
            await host.StopAsync();
        }
        catch (InvalidOperationException notRunning)
        {
            log.LogDebug(notRunning, "The silo had not started");
        }
    }
}
