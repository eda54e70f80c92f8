using System.Globalization;

namespace Orders.Silo.Postgres.Reminders;

/// <summary>
/// Orleans' reminder table in PostgreSQL. Concurrent registrations, and concurrent removals,
/// share one statement and one commit (<see cref="StatementBatcher{TRequest,TResult}"/>): when
/// every order kept its timeout here (orders are woken by their stored wake time since), a commit
/// per reminder made the reminder table the database's busiest waiter; kitchens and owed refunds
/// still register and remove theirs in bursts. The version is the ETag: a removal names the
/// version it saw.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    // Reminders change in bursts of a few, not at an order's rate.
    private const int FlushLoops = 2;

    private readonly string serviceId;
    private readonly NpgsqlDataSource database;
    private readonly StatementBatcher<ReminderEntry, string> upserts;
    private readonly StatementBatcher<Removal, bool> removals;

    public PostgresReminderTable(string serviceId, NpgsqlDataSource database)
    {
        this.serviceId = serviceId;
        this.database = database;
        upserts = new StatementBatcher<ReminderEntry, string>("reminders.upsert", Upsert, entry => (entry.GrainId, entry.ReminderName), flushLoops: FlushLoops);
        removals = new StatementBatcher<Removal, bool>("reminders.remove", Remove, removal => (removal.GrainId, removal.ReminderName), flushLoops: FlushLoops);
    }

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
        await using var command = database.Statement(ReminderSql.Clear, serviceId);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await upserts.DisposeAsync();
        await removals.DisposeAsync();
    }

    private async Task<List<ReminderEntry>> Query(string sql, params object[] arguments)
    {
        await using var command = database.Statement(sql, [serviceId, .. arguments]);

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

    private async Task<IReadOnlyList<string>> Upsert(IReadOnlyList<ReminderEntry> batch)
    {
        var keys = batch.Select(entry => (Grain: entry.GrainId.ToString(), entry.ReminderName)).ToList();
        await using var command = database.Statement(
            ReminderSql.Upsert,
            serviceId,
            keys.Select(key => key.Grain).ToArray(),
            keys.Select(key => key.ReminderName).ToArray(),
            batch.Select(entry => entry.StartAt.ToUniversalTime()).ToArray(),
            batch.Select(entry => (long)entry.Period.TotalMilliseconds).ToArray(),
            batch.Select(entry => (long)entry.GrainId.GetUniformHashCode()).ToArray());

        var versions = await ByReminder(command, reader => reader.GetInt32(2).ToString(CultureInfo.InvariantCulture));
        return [.. keys.Select(key => versions[key])];
    }

    private async Task<IReadOnlyList<bool>> Remove(IReadOnlyList<Removal> batch)
    {
        var keys = batch.Select(removal => (Grain: removal.GrainId.ToString(), removal.ReminderName)).ToList();
        await using var command = database.Statement(
            ReminderSql.Remove,
            serviceId,
            keys.Select(key => key.Grain).ToArray(),
            keys.Select(key => key.ReminderName).ToArray(),
            batch.Select(removal => removal.Version).ToArray());

        var removed = await ByReminder(command, _ => true);
        return [.. keys.Select(removed.ContainsKey)];
    }

    /// <summary>A batch statement's returned rows by (grain, reminder name), its first two columns: rows come back in no particular order.</summary>
    private static async Task<Dictionary<(string, string), T>> ByReminder<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> value)
    {
        var rows = new Dictionary<(string, string), T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows[(reader.GetString(0), reader.GetString(1))] = value(reader);
        return rows;
    }

    private sealed record Removal(GrainId GrainId, string ReminderName, int Version);
}
