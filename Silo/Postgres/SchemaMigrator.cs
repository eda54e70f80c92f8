using System.Reflection;

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

    public static async Task MigrateAsync(NpgsqlDataSource database, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // Long, not endless: a migration stuck behind a lock running silos hold (or a silo waiting
        // for it) fails the start visibly after ten minutes. Reset below: the connection goes back
        // to a pool that does not reset sessions.
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
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, script, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES ($1)", connection))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = id });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, id);
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            await Execute(connection, "RESET lock_timeout", CancellationToken.None);
        }
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
}
