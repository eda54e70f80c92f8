using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// This silo's one LISTEN connection: turns the NOTIFY that publishers send on commit into
/// <see cref="QueueSignal"/> pulses for the local readers. If the connection drops, or a quiet
/// spell's check finds it dead, it wakes every reader (a notification may have been missed) and
/// connects again. Its connections come from a data source of their own (<see cref="OwnDataSource"/>).
/// </summary>
public sealed partial class StreamNotifications(
    NpgsqlDataSource database, IOptions<PostgresStreamOptions> options, ILogger<StreamNotifications> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, QueueSignal> signals = new(StringComparer.Ordinal);

    /// <summary>
    /// The listener's data source, whose connections close when the listener lets go of them. The
    /// shared pool keeps a connection as it was used (<see cref="PostgresConnection.Tune"/>): one
    /// handed back still listening, as the listener's is when it stops or gives up on a slow check,
    /// would take the channel's notifications from then on for whichever statement borrowed it, and
    /// nobody would read them.
    /// </summary>
    public static NpgsqlDataSource OwnDataSource(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);

    internal QueueSignal For(string queue) => signals.GetOrAdd(queue, _ => new QueueSignal());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => For(notification.Payload).Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {StreamSql.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                WakeAll();
                while (true)
                {
                    // A connection cut without a reset (a failover, a partition) never ends a bare
                    // wait, and readers would poll until the silo restarts: a quiet spell as long
                    // as their poll ends in a round trip, which fails on a dead connection by its
                    // command timeout.
                    if (!await connection.WaitAsync(options.Value.PollInterval, stoppingToken))
                    {
                        await using var check = new NpgsqlCommand("SELECT 1", connection);
                        await check.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // Whatever it was (not only Npgsql's, IO and timeout errors): a hosted service that
                // throws stops the host, and the silo with it, where the readers can poll meanwhile.
                LogListenerLost(logger, failure);
                WakeAll();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void WakeAll()
    {
        foreach (var signal in signals.Values)
            signal.Pulse();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream notification listener lost its connection; readers poll until it is back")]
    private static partial void LogListenerLost(ILogger logger, Exception failure);
}
