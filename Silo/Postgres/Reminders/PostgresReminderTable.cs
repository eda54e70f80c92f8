using System.Globalization;
using Orleans.Runtime;

namespace Orders.Silo.Postgres.Reminders;

/// <summary>
/// Orleans' reminder table in PostgreSQL. Concurrent registrations, and concurrent removals,
/// share one statement and one commit (<see cref="StatementBatcher{TRequest,TResult}"/>): an
/// order moves its timeout at every step, and a commit per reminder made the reminder table the
/// database's busiest waiter. The version is the ETag: a removal names the version it saw.
/// </summary>
public sealed class PostgresReminderTable(string serviceId, NpgsqlDataSource database) : IReminderTable, IAsyncDisposable
{
    private const int BatchSize = 256;
    private const int FlushLoops = 2;

    private readonly StatementBatcher<ReminderEntry, string> upserts = new(
        batch => Upsert(serviceId, database, batch), entry => (entry.GrainId, entry.ReminderName), BatchSize, FlushLoops);

    private readonly StatementBatcher<Removal, bool> removals = new(
        batch => Remove(serviceId, database, batch), removal => (removal.GrainId, removal.ReminderName), BatchSize, FlushLoops);

    public Task Init() => Task.CompletedTask;

    public async Task<string?> UpsertRow(ReminderEntry entry) => await upserts.Run(entry);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        removals.Run(new Removal(grainId, reminderName, int.Parse(eTag, CultureInfo.InvariantCulture)));

    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        new(await Query(ReminderSql.OfGrain, grainId.ToString()));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        new(await Query(begin < end ? ReminderSql.InRange : ReminderSql.InWrappedRange, (long)begin, (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await Query(ReminderSql.One, grainId.ToString(), reminderName)).SingleOrDefault();

    public async Task TestOnlyClearTable()
    {
        await using var command = database.CreateCommand(ReminderSql.Clear);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await upserts.DisposeAsync();
        await removals.DisposeAsync();
    }

    private async Task<List<ReminderEntry>> Query(string sql, params object[] arguments)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        foreach (var argument in arguments)
            command.Parameters.Add(new NpgsqlParameter { Value = argument });

        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetDateTime(2),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }
        return entries;
    }

    private static async Task<IReadOnlyList<string>> Upsert(string serviceId, NpgsqlDataSource database, IReadOnlyList<ReminderEntry> batch)
    {
        await using var command = database.CreateCommand(ReminderSql.Upsert);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(entry => entry.GrainId.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(entry => entry.ReminderName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(entry => entry.StartAt.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(entry => (long)entry.Period.TotalMilliseconds).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(entry => (long)entry.GrainId.GetUniformHashCode()).ToArray() });

        var versions = new Dictionary<(string, string), string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            versions[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2).ToString(CultureInfo.InvariantCulture);
        return [.. batch.Select(entry => versions[(entry.GrainId.ToString(), entry.ReminderName)])];
    }

    private static async Task<IReadOnlyList<bool>> Remove(string serviceId, NpgsqlDataSource database, IReadOnlyList<Removal> batch)
    {
        await using var command = database.CreateCommand(ReminderSql.Remove);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(removal => removal.GrainId.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(removal => removal.ReminderName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(removal => removal.Version).ToArray() });

        var removed = new HashSet<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            removed.Add((reader.GetString(0), reader.GetString(1)));
        return [.. batch.Select(removal => removed.Contains((removal.GrainId.ToString(), removal.ReminderName)))];
    }

    private sealed record Removal(GrainId GrainId, string ReminderName, int Version);
}
