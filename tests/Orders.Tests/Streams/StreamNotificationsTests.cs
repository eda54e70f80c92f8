using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Streams;

/// <summary>A silo's LISTEN connection, which wakes its queue readers when events are published.</summary>
public sealed class StreamNotificationsTests
{
    [Fact]
    public async Task A_listener_whose_connection_goes_silent_without_closing_listens_again_on_a_new_one()
    {
        var direct = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        await using var relay = SilentRelay.To(direct.Host!, direct.Port);
        // A dead connection's round trip fails after a second, not Npgsql's default thirty.
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, CommandTimeout = 1 };
        await using var database = NpgsqlDataSource.Create(relayed.ConnectionString);
        using var notifications = new StreamNotifications(
            database, Options.Create(new PostgresStreamOptions { PollInterval = TimeSpan.FromMilliseconds(500) }), NullLogger<StreamNotifications>.Instance);
        var queue = Unique.Id("queue");
        var signal = notifications.For(queue);

        // Listening wakes every reader: a notification may have come before.
        var listening = signal.Next;
        await notifications.StartAsync(CancellationToken.None);
        await listening.WaitAsync(TimeSpan.FromSeconds(10));

        relay.Silence();
        var listeningAgain = signal.Next;
        await listeningAgain.WaitAsync(TimeSpan.FromSeconds(20));
        var notified = signal.Next;
        await Notify(queue);
        await notified.WaitAsync(TimeSpan.FromSeconds(10));

        await notifications.StopAsync(CancellationToken.None);
    }

    private static async Task Notify(string queue)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand($"SELECT pg_notify('{StreamSql.Channel}', $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        await command.ExecuteNonQueryAsync();
    }
}
