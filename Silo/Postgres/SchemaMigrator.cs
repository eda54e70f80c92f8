using System.Reflection;
using Orders.Grains;
using Polly;

namespace Orders.Silo.Postgres;

/// <summary>
/// Applies the SQL scripts under Postgres/Migrations in name order, each once, each in its own
/// transaction. Several silos and gateways may start at once: an advisory lock lets one migrate
/// while the others wait, and they then find nothing left to do.
/// </summary>
public static partial class SchemaMigrator
{
    private const long LockKey = 0x4f_52_44_45_52_53; // "ORDERS"
    private const string ResourcePrefix = "migrations/";

    /// <summary>How long a migration may wait for a lock on a table before it gives way (<see cref="GivingWay"/>).</summary>
    private static readonly TimeSpan TableLockWait = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a migration goes on asking for its tables' locks before the start fails.</summary>
    private static readonly TimeSpan LockPatience = TimeSpan.FromMinutes(10);

    public static async Task MigrateAsync(NpgsqlDataSource database, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // Long, not endless: a silo waiting for another's migrations fails its start visibly after
        // ten minutes (each migration waits for its tables' locks far less: GivingWay). Reset
        // below: the connection goes back to a pool that does not reset sessions.
        await Execute(connection, "SET lock_timeout = '10min'", cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            var applied = await AppliedMigrations(connection, cancellationToken);
            foreach (var (id, script) in Scripts().Where(script => !applied.Contains(script.Id)))
            {
                await GivingWay(logger, id).ExecuteAsync(
                    async token => await Apply(connection, id, script, token), cancellationToken);
                LogApplied(logger, id);
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            await Execute(connection, "RESET lock_timeout", CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs a migration again while a lock on its tables is held elsewhere: it waits for one at
    /// most <see cref="TableLockWait"/>, then rolls back and tries again a second later, less often
    /// after (half a minute apart at most), for <see cref="LockPatience"/> in all. A migration
    /// waiting for a table's lock puts every later statement on that table behind it, so a long
    /// wait (behind a backup, or an idle transaction) would stall every running silo's reads and
    /// writes of it for as long; this way they wait a fifth of a second at a time, rarely.
    /// </summary>
    private static ResiliencePipeline GivingWay(ILogger logger, string id) => Backoff.Until(
        LockPatience,
        failure => failure is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable },
        retry =>
        {
            LogGaveWay(logger, id, retry.AttemptNumber + 1);
            return ValueTask.CompletedTask;
        });

    private static async Task Apply(NpgsqlConnection connection, string id, string script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SET LOCAL lock_timeout = '{(int)TableLockWait.TotalMilliseconds}ms'", cancellationToken);
        await Execute(connection, script, cancellationToken);
        await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES ($1)", connection))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = id });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<string>> AppliedMigrations(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            applied.Add(reader.GetString(0));
        return applied;
    }

    private static IEnumerable<(string Id, string Script)> Scripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return (Path.GetFileNameWithoutExtension(name), reader.ReadToEnd());
        }
    }

    /// <remarks>
    /// No command timeout (Npgsql's default is 30 s): a migration over a large table takes longer,
    /// and so does the wait of a silo that starts while another migrates. Cut off, either failed
    /// the silo's start at every restart. The lock timeout and the start's own token still end them.
    /// </remarks>
    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Migration}")]
    private static partial void LogApplied(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database migration {Migration} gave way to a lock another session holds on its tables (attempt {Attempt}); trying again")]
    private static partial void LogGaveWay(ILogger logger, string migration, int attempt);
}
