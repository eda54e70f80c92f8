using Npgsql;

namespace Orders.Tests.Infrastructure;

/// <summary>Reads the stream provider's tables directly, to see what the provider itself cannot report.</summary>
public static class StreamTables
{
    /// <summary>The dead-letter reasons recorded for a stream key.</summary>
    public static Task<IReadOnlyList<string>> DeadLetterReasons(string streamKey) =>
        ColumnOf<string>("SELECT reason FROM stream_dead_letters WHERE stream_key = $1 ORDER BY id", streamKey);

    /// <summary>A service's dead letters in one stream namespace: why each was given up, and its payload.</summary>
    public static async Task<IReadOnlyList<(string Reason, byte[] Payload)>> DeadLetters(string serviceId, string streamNamespace)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand(
            "SELECT reason, payload FROM stream_dead_letters WHERE queue LIKE $1 || '/%' AND stream_namespace = $2 ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = streamNamespace });
        var letters = new List<(string, byte[])>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            letters.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        return letters;
    }

    /// <summary>Events still queued, not yet acknowledged, for a stream key or for every stream of a service.</summary>
    public static async Task<long> Queued(string? streamKey = null, string? serviceId = null)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand(
            "SELECT count(*) FROM stream_events WHERE ($1::text IS NULL OR stream_key = $1) AND ($2::text IS NULL OR queue LIKE $2 || '/%')");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)streamKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)serviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The attempts counted on each queued row of a stream key, in id order.</summary>
    public static Task<IReadOnlyList<int>> Attempts(string streamKey) =>
        ColumnOf<int>("SELECT attempts FROM stream_events WHERE stream_key = $1 ORDER BY id", streamKey);

    /// <summary>Who holds a queue's lease, as the lease table says (empty once handed back).</summary>
    public static async Task<string?> LeaseHolder(string queue) =>
        (await ColumnOf<string>("SELECT holder FROM stream_queue_leases WHERE queue = $1", queue)).SingleOrDefault();

    /// <summary>When a queue's lease runs out unless renewed; null while nobody has taken it.</summary>
    public static async Task<DateTime?> LeaseExpiry(string queue)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand("SELECT expires_at FROM stream_queue_leases WHERE queue = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        return (DateTime?)await command.ExecuteScalarAsync();
    }

    /// <summary>A service's queued rows in the order readers take them: queue, stream namespace, key and payload.</summary>
    public static async Task<IReadOnlyList<(string Queue, string Namespace, string Key, byte[] Payload)>> QueuedRows(string serviceId)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand(
            "SELECT queue, stream_namespace, stream_key, payload FROM stream_events WHERE queue LIKE $1 || '/%' ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        var rows = new List<(string, string, string, byte[])>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3)));
        return rows;
    }

    /// <summary>The one column a query keyed by <paramref name="key"/> returns, row by row.</summary>
    private static async Task<IReadOnlyList<T>> ColumnOf<T>(string sql, string key)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        return await database.Column<T>(sql, key);
    }
}
