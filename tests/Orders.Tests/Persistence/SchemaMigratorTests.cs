using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// Silos starting together: one migrates, the others wait for it however long it takes; and a
/// migration stalls no running silo's statements while it waits for its tables.
/// </summary>
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

    [Fact]
    public async Task A_migration_gives_way_to_a_lock_held_on_its_table_instead_of_holding_every_later_statement_on_it_behind_it()
    {
        var name = Unique.Id("migrated").Replace('-', '_');
        await using var admin = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await admin.Execute($"CREATE DATABASE {name}");
        try
        {
            await using var database = NpgsqlDataSource.Create(
                new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = name, Pooling = false }.ConnectionString);
            await SchemaMigrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
            // A migration that runs again as it is (its column already of its type, its index there).
            await database.Execute("DELETE FROM schema_migrations WHERE id = '020_dead_letters_by_age'");
            await using var holder = await database.OpenConnectionAsync();
            await using var holding = await holder.BeginTransactionAsync();
            await Query<long>(holder, "SELECT count(*) FROM stream_dead_letters");

            var migrating = SchemaMigrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
            await Eventually.Until(
                () => Query<long>(holder, "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'stream_dead_letters'::regclass"),
                waiting => waiting > 0 || migrating.IsCompleted);
            Assert.False(migrating.IsCompleted, migrating.Exception?.GetBaseException().Message);
            // Behind a migration that waited for as long as the holder holds on, this would time out.
            await using (var reader = await database.OpenConnectionAsync())
            {
                await Query<object>(reader, "SET statement_timeout = '20s'");
                await Query<long>(reader, "SELECT count(*) FROM stream_dead_letters");
            }
            await holding.CommitAsync();

            await migrating.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(1L, await Query<long>(holder, "SELECT count(*) FROM schema_migrations WHERE id = '020_dead_letters_by_age'"));
        }
        finally
        {
            await admin.Execute($"DROP DATABASE {name} WITH (FORCE)");
        }
    }

    private static async Task<T?> Query<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is T value ? value : default;
    }
}
