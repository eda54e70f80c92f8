using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>Silos starting together: one migrates, the others wait for it however long it takes.</summary>
public sealed class SchemaMigratorTests
{
    private const long MigrationLock = 0x4f_52_44_45_52_53;

    [Fact]
    public async Task A_silo_waits_out_another_silos_migration_longer_than_a_command_may_take()
    {
        var impatient = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { CommandTimeout = 1 };
        await using var database = NpgsqlDataSource.Create(impatient.ConnectionString);
        // Not pooled: the session ends with the test, and the lock with it whatever fails first.
        var unpooled = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Pooling = false };
        await using var migrating = new NpgsqlConnection(unpooled.ConnectionString);
        await migrating.OpenAsync();
        await Query<object>(migrating, $"SELECT pg_advisory_lock({MigrationLock})");
        Task waiting;
        try
        {
            waiting = SchemaMigrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
            // Past the command timeout the wait would have been cut off.
            await Eventually.Until(
                () => Query<double?>(migrating,
                    "SELECT max(extract(epoch FROM now() - query_start))::float8 FROM pg_stat_activity " +
                    $"WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT pg_advisory_lock({MigrationLock})%'"),
                seconds => seconds >= 2 || waiting.IsCompleted);
            Assert.False(waiting.IsCompleted, waiting.Exception?.GetBaseException().Message);
        }
        finally
        {
            await Query<object>(migrating, $"SELECT pg_advisory_unlock({MigrationLock})");
        }

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<T?> Query<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is T value ? value : default;
    }
}
