using Orleans.Serialization;
using Orders.Grains;
using Orders.Grains.Ledgers;

namespace Orders.Silo.Postgres;

/// <summary>
/// Ledgers in PostgreSQL: the header a row in <c>ledgers</c> with the wake time beside it, each
/// entry a row in <c>ledger_entries</c>, both serialized with Orleans' binary serializer. Concurrent writes of
/// many ledgers share one statement and one commit (<see cref="StatementBatcher{TRequest,TResult}"/>),
/// each still checked against its own version.
/// </summary>
public sealed class PostgresLedgerStore : ILedgerStore, IAsyncDisposable
{
    private readonly string serviceId;
    private readonly NpgsqlDataSource database;
    private readonly Serializer serializer;
    private readonly StatementBatcher<LedgerWrite, long?> writes;

    public PostgresLedgerStore(string serviceId, NpgsqlDataSource database, Serializer serializer)
    {
        this.serviceId = serviceId;
        this.database = database;
        this.serializer = serializer;
        writes = new StatementBatcher<LedgerWrite, long?>("ledgers.write", Write, write => write.Ledger);
    }

    public async Task<StoredLedger<THeader, TEntry>?> Read<THeader, TEntry>(string ledger)
    {
        await using var command = database.Statement(LedgerSql.Read, serviceId, ledger);
        await using var reader = await command.ExecuteReaderAsync();
        (long Version, THeader Header, DateTimeOffset? WakeAt)? header = null;
        var entries = ImmutableDictionary.CreateBuilder<string, TEntry>();
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(0))
                entries.Add(reader.GetString(3), serializer.Deserialize<TEntry>(reader.GetFieldValue<byte[]>(4))!);
            else
                header = (
                    reader.GetInt64(0),
                    serializer.Deserialize<THeader>(reader.GetFieldValue<byte[]>(1))!,
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        }

        return header is { } found ? new StoredLedger<THeader, TEntry>(found.Version, found.Header, entries.ToImmutable(), found.WakeAt) : null;
    }

    public async Task<long> Write<THeader, TEntry>(
        string ledger, long? expectedVersion, THeader header, IReadOnlyDictionary<string, TEntry?> changes, DateTimeOffset? wakeAt = null)
        where TEntry : class
    {
        var write = new LedgerWrite(
            ledger,
            expectedVersion,
            serializer.SerializeToArray(header),
            wakeAt?.ToUniversalTime(),
            [.. changes.Select(change => new EntryChange(change.Key, change.Value is { } entry ? serializer.SerializeToArray(entry) : null))]);
        return await writes.Run(write) ?? throw StorageConflict.Writing($"ledger {ledger}", expectedVersion);
    }

    public async Task<IReadOnlyList<string>> Due(DateTimeOffset now, int limit) =>
        await database.Rows(LedgerSql.Due, row => row.GetString(0), serviceId, now.ToUniversalTime(), limit);

    public async Task Postpone(IReadOnlyList<string> ledgers, DateTimeOffset due, DateTimeOffset until)
    {
        await using var command = database.Statement(LedgerSql.Postpone, serviceId, ledgers.ToArray(), due.ToUniversalTime(), until.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => writes.DisposeAsync();

    private async Task<IReadOnlyList<long?>> Write(IReadOnlyList<LedgerWrite> batch)
    {
        var changes = batch.SelectMany(write => write.Changes, (write, change) => (write.Ledger, change.Key, change.Payload)).ToList();
        await using var command = database.Statement(
            LedgerSql.Write,
            serviceId,
            batch.Select(write => write.Ledger).ToArray(),
            batch.Select(write => write.ExpectedVersion).ToArray(),
            batch.Select(write => write.Header).ToArray(),
            changes.Select(change => change.Ledger).ToArray(),
            changes.Select(change => change.Key).ToArray(),
            changes.Select(change => change.Payload).ToArray(),
            batch.Select(write => write.WakeAt).ToArray());

        return await command.Versions(batch, write => write.Ledger, row => row.GetString(0));
    }

    private sealed record LedgerWrite(string Ledger, long? ExpectedVersion, byte[] Header, DateTimeOffset? WakeAt, ImmutableArray<EntryChange> Changes);

    /// <summary>An entry written (with its payload) or removed (without).</summary>
    private sealed record EntryChange(string Key, byte[]? Payload);
}
