using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
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
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString)
        {
            Host = "127.0.0.1", Port = relay.Port, CommandTimeout = 1, ApplicationName = Unique.Id("listener"),
        };
        await using var database = NpgsqlDataSource.Create(relayed.ConnectionString);
        using var notifications = new StreamNotifications(
            database, Options.Create(new PostgresStreamOptions { PollInterval = TimeSpan.FromMilliseconds(500) }), NullLogger<StreamNotifications>.Instance);
        var queue = Unique.Id("queue");
        var signal = notifications.For(queue);
        var elsewhere = notifications.For(Unique.Id("queue"));

        // Listening wakes every reader: a notification may have come before.
        var listening = signal.Next;
        await notifications.StartAsync(CancellationToken.None);
        await listening.WaitAsync(TimeSpan.FromSeconds(10));
        var silencedAt = await Scalar<DateTime>("SELECT now()");
        relay.Silence();

        // A new connection that has listened: the listener checks it with SELECT 1 after a quiet
        // spell, which it does only once its LISTEN has run.
        await Eventually.Until(
            () => Scalar<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND backend_start > $2 AND query = 'SELECT 1'",
                relayed.ApplicationName, silencedAt),
            listeners => listeners > 0, TimeSpan.FromSeconds(20));
        var notified = signal.Next;
        var notNotified = elsewhere.Next;
        await Scalar<object>($"SELECT pg_notify('{StreamSql.Channel}', $1)", queue);

        await notified.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(notNotified.IsCompleted, "a notification for one queue woke another: the listener lost its connection again");
        await notifications.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_listener_that_meets_an_unexpected_failure_tries_again_instead_of_stopping_its_silo()
    {
        var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        // Every connection it is asked for now fails with ObjectDisposedException, not an Npgsql error.
        await database.DisposeAsync();
        var logger = new FakeLogger<StreamNotifications>();
        using var notifications = new StreamNotifications(database, Options.Create(new PostgresStreamOptions()), logger);

        await notifications.StartAsync(CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(logger.Collector.Count), lost => lost >= 2, TimeSpan.FromSeconds(20));

        Assert.False(notifications.ExecuteTask!.IsCompleted);
        Assert.All(logger.Collector.GetSnapshot(), record => Assert.IsType<ObjectDisposedException>(record.Exception));
        await notifications.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stopped_listener_leaves_no_connection_listening_behind_it()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { ApplicationName = Unique.Id("listener") };
        await using var database = StreamNotifications.OwnDataSource(connectionString.ConnectionString);
        using var notifications = new StreamNotifications(database, Options.Create(new PostgresStreamOptions()), NullLogger<StreamNotifications>.Instance);
        var listening = notifications.For(Unique.Id("queue")).Next;
        await notifications.StartAsync(CancellationToken.None);
        await listening.WaitAsync(TimeSpan.FromSeconds(10));

        await notifications.StopAsync(CancellationToken.None);

        // Kept by a pool, the connection would stay open, listening for whoever borrowed it next.
        await Eventually.Until(
            () => Scalar<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connectionString.ApplicationName),
            connections => connections == 0);
    }

    private static async Task<T> Scalar<T>(string sql, params object[] parameters)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
