using System.Globalization;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orders.Grains;
using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;
using Orders.Grains.Wakes;
using Orders.Silo.Postgres.Streams;

namespace Orders.Silo.Postgres;

/// <summary>
/// Grain state in PostgreSQL, keyed by the full grain id and serialized with Orleans' binary
/// serializer. The ETag is the row's version: every write names the version it read, and a
/// write that finds another version fails with <see cref="InconsistentStateException"/>.
/// Concurrent reads, and concurrent writes, of many grains share one statement and one commit
/// (<see cref="StatementBatcher{TRequest,TResult}"/>), each row still checked on its own.
/// A producer's outbox events enter their queues, and the list entries they project join their
/// lists, in the statement that stores its state (<see cref="OutboxStorage"/>), so they are
/// durable exactly when the change that raised them is, and the producer has no publish of its
/// own to wait for. What others find a state by (its wake time, the lists it is an entry of) is
/// kept in columns beside it, written by the same statement.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly string serviceId;
    private readonly NpgsqlDataSource database;
    private readonly Serializer serializer;
    private readonly IActivatorProvider activators;
    private readonly OutboxEventRows outboxRows;
    private readonly ProjectedListRows listRows;
    private readonly StatementBatcher<StateKey, StoredState?> reads;
    private readonly StatementBatcher<StateWrite, long?> writes;

    public PostgresGrainStorage(string serviceId, NpgsqlDataSource database, Serializer serializer, IActivatorProvider activators, OutboxEventRows outboxRows, ProjectedListRows listRows)
    {
        this.serviceId = serviceId;
        this.database = database;
        this.serializer = serializer;
        this.activators = activators;
        this.outboxRows = outboxRows;
        this.listRows = listRows;
        reads = new StatementBatcher<StateKey, StoredState?>("grain_state.read", Read, key => key);
        writes = new StatementBatcher<StateWrite, long?>("grain_state.write", Write, write => write.Key);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The caller vouches that it made the id up for this call (a new order's).
        if (NeverStored.IsVouched(grainId))
            return;
        if (await reads.Run(new StateKey(stateName, grainId.ToString())) is not { } stored)
            return;

        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored.Payload.Length > 0;
        if (grainState.RecordExists)
            grainState.State = serializer.Deserialize<T>(stored.Payload);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (state, events) = OutboxStorage.TakeEvents(grainState.State);
        var rows = new WriteRows(outboxRows.For(events), listRows.For(events, state));
        await Store(stateName, grainId, grainState, serializer.SerializeToArray(state), rows, StateColumns.Of(state));
        grainState.State = state;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
            await Store(stateName, grainId, grainState, [], WriteRows.None, StateColumns.None);
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
    }

    public async ValueTask DisposeAsync()
    {
        await writes.DisposeAsync();
        await reads.DisposeAsync();
    }

    private async Task Store<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[] payload, WriteRows rows, StateColumns columns)
    {
        var expected = grainState.ETag is { } etag ? long.Parse(etag, CultureInfo.InvariantCulture) : (long?)null;
        var version = await writes.Run(new StateWrite(new StateKey(stateName, grainId.ToString()), expected, payload, rows, columns))
            ?? throw StorageConflict.Writing($"{stateName} of {grainId}", grainState.ETag);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<StoredState?>> Read(IReadOnlyList<StateKey> keys)
    {
        await using var command = database.Statement(
            GrainStateSql.Read,
            serviceId,
            keys.Select(key => key.StateName).ToArray(),
            keys.Select(key => key.GrainId).ToArray());

        var found = new StoredState?[keys.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            found[reader.GetInt64(0) - 1] = new StoredState(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        return found;
    }

    private async Task<IReadOnlyList<long?>> Write(IReadOnlyList<StateWrite> batch)
    {
        var events = batch.SelectMany(write => write.Rows.Events, (write, queued) => (write.Key, Queued: queued)).ToList();
        var entries = batch.SelectMany(write => write.Rows.Entries, (write, entry) => (write.Key, Entry: entry)).ToList();
        await using var command = database.Statement(
            GrainStateSql.Write,
            serviceId,
            batch.Select(write => write.Key.StateName).ToArray(),
            batch.Select(write => write.Key.GrainId).ToArray(),
            batch.Select(write => write.ExpectedVersion).ToArray(),
            batch.Select(write => write.Payload).ToArray(),
            events.Select(row => row.Key.StateName).ToArray(),
            events.Select(row => row.Key.GrainId).ToArray(),
            events.Select(row => row.Queued.Queue).ToArray(),
            events.Select(row => row.Queued.StreamNamespace).ToArray(),
            events.Select(row => row.Queued.StreamKey).ToArray(),
            events.Select(row => row.Queued.Payload).ToArray(),
            batch.Select(write => write.Columns.WakeAt).ToArray(),
            entries.Select(row => row.Key.StateName).ToArray(),
            entries.Select(row => row.Key.GrainId).ToArray(),
            entries.Select(row => row.Entry.List).ToArray(),
            entries.Select(row => row.Entry.Key).ToArray(),
            entries.Select(row => row.Entry.Payload).ToArray(),
            batch.Select(write => write.Columns.ListedIn).ToArray(),
            batch.Select(write => write.Columns.WaitingIn).ToArray());

        return await command.Versions(batch, write => write.Key, row => new StateKey(row.GetString(0), row.GetString(1)));
    }

    private sealed record StateKey(string StateName, string GrainId);

    private sealed record StateWrite(StateKey Key, long? ExpectedVersion, byte[] Payload, WriteRows Rows, StateColumns Columns);

    /// <summary>What others find a state by: when it wakes (<see cref="IWakeAtState"/>) and the lists it is an entry of (<see cref="IListedState"/>).</summary>
    private sealed record StateColumns(DateTimeOffset? WakeAt, string? ListedIn, string? WaitingIn)
    {
        public static readonly StateColumns None = new(null, null, null);

        public static StateColumns Of(object? state)
        {
            var listing = state as IListedState;
            return new((state as IWakeAtState)?.WakeAt?.ToUniversalTime(), listing?.ListedIn, listing?.WaitingIn);
        }
    }

    /// <summary>What a write adds beside the state: its events' queue rows and the list entries they project.</summary>
    private sealed record WriteRows(IReadOnlyList<QueuedEvent> Events, IReadOnlyList<ListRow> Entries)
    {
        public static readonly WriteRows None = new([], []);
    }

    private sealed record StoredState(long Version, byte[] Payload);
}
