using System.Collections.Concurrent;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using Orders.Silo.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Reads one queue for the pulling agent that owns it. When a read finds nothing, the next read
/// first waits for a NOTIFY from a publisher (or the poll interval), so an idle queue costs no
/// queries and a new event is picked up within milliseconds. Events it read but has not seen
/// acknowledged are handed back when it shuts down (its queue moves to another silo when the
/// cluster changes), instead of waiting out their visibility timeout. Rows an earlier reader
/// still had out when this one took the queue (its silo died) hold back their streams' later
/// rows until they come back; after that, reads are a plain scan of the visible rows.
/// </summary>
internal sealed partial class PostgresQueueReceiver(
    string queue,
    NpgsqlDataSource database,
    Serializer serializer,
    QueueSignal signal,
    ReadTokens tokens,
    PostgresStreamOptions options,
    TimeProvider clock,
    ILogger logger,
    CancellationToken siloStopping) : IQueueAdapterReceiver
{
    private static readonly TimeSpan EvictionInterval = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Rows read and not yet settled, with when each was read.</summary>
    private readonly ConcurrentDictionary<PostgresBatchContainer, DateTimeOffset> unacknowledged = new();
    private Task? wake;
    private HashSet<long>? earlierReadersRows;
    private DateTimeOffset nextEviction;
    private DateTimeOffset nextHold;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (wake is { } arrival)
            await Task.WhenAny(arrival, stopped.Task, Task.Delay(options.PollInterval, clock));
        if (stopped.Task.IsCompleted)
            return [];

        await EvictWhenDue();
        await KeepHeldRowsHiddenWhenDue();
        // A stopping silo cannot deliver what it would take now (its calls fail at once), and
        // each read of a row counts against its attempts: it leaves the rows to the next owner.
        if (siloStopping.IsCancellationRequested)
            return [];
        var nextArrival = signal.Next;
        var batch = await Read(QueueAdapterContract.ReadSize(maxCount, options.ReadBatchSize));
        wake = batch.Count == 0 ? nextArrival : null;
        return batch;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        // A row whose token is gone was settled by the failure handler (buried, or handed back
        // because this silo is stopping): acknowledging it would delete it.
        var delivered = new List<PostgresBatchContainer>(messages.Count);
        foreach (var row in messages.OfType<PostgresBatchContainer>())
        {
            if (tokens.ReceiptOf(row.Token) is null)
                unacknowledged.TryRemove(row, out _);
            else
                delivered.Add(row);
        }
        if (delivered.Count == 0)
            return;

        await Settle(StreamSql.Ack, delivered);
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        stopped.TrySetResult();
        var taken = unacknowledged.Keys.ToList();
        if (taken.Count > 0)
            await Settle(StreamSql.ShowAfter, taken, TimeSpan.Zero);
    }

    /// <summary>A statement on rows this reader took, each reached only while it still has the attempt count this reader saw.</summary>
    private NpgsqlCommand OnRowsTaken(string sql, IReadOnlyCollection<PostgresBatchContainer> rows, params object[] more) =>
        database.Statement(sql, [rows.Select(row => row.RowId).ToArray(), rows.Select(row => row.Attempts).ToArray(), .. more]);

    /// <summary>Acks or hands back rows; the agent is done with them.</summary>
    private async Task Settle(string sql, IReadOnlyCollection<PostgresBatchContainer> rows, params object[] more)
    {
        await using var command = OnRowsTaken(sql, rows, more);
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // The agent is done with these either way; rows the statement missed come back after
            // their visibility timeout and are read afresh.
            foreach (var row in rows)
            {
                unacknowledged.TryRemove(row, out _);
                tokens.Forget(row.Token);
            }
        }
    }

    private async Task<IList<IBatchContainer>> Read(int maxCount)
    {
        earlierReadersRows ??= await Hidden([]);
        var batch = await Read(earlierReadersRows.Count == 0 ? StreamSql.Read : StreamSql.ReadBehindEarlierReader, maxCount);
        if (earlierReadersRows.Count > 0)
        {
            var stillOut = await Hidden([.. earlierReadersRows]);
            stillOut.ExceptWith(unacknowledged.Keys.Select(row => row.RowId));
            earlierReadersRows = stillOut;
        }
        return batch;
    }

    /// <summary>The rows hidden by a reader, of those given or, when none are, of the whole queue.</summary>
    private async Task<HashSet<long>> Hidden(long[] rows)
    {
        await using var command = database.Statement(StreamSql.Hidden, queue, rows);
        var hidden = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            hidden.Add(reader.GetInt64(0));
        return hidden;
    }

    private async Task<IList<IBatchContainer>> Read(string sql, int maxCount)
    {
        await using var command = database.Statement(sql, queue, maxCount, options.VisibilityTimeout, options.MaxAttempts);

        var rows = new List<(long RowId, int Attempts, StreamId StreamId, byte[] Payload)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), reader.GetInt32(1), StreamId.Create(reader.GetString(2), reader.GetString(3)), reader.GetFieldValue<byte[]>(4)));
        }

        // UPDATE … RETURNING gives no order; each stream must reach the agent in row order.
        var batch = new List<IBatchContainer>(rows.Count);
        var readAt = clock.GetUtcNow();
        foreach (var row in rows.OrderBy(row => row.RowId))
        {
            if (Decode(row.RowId, row.StreamId, row.Payload) is not { } events)
                continue;
            var container = new PostgresBatchContainer(row.StreamId, events, tokens.Issue(row.RowId, row.Attempts), row.RowId, row.Attempts);
            unacknowledged[container] = readAt;
            batch.Add(container);
        }
        return batch;
    }

    /// <summary>
    /// A payload this silo cannot read (an event type from a newer version during a rolling
    /// deploy, or a damaged row) is left out of the batch rather than failing it: the row stays
    /// hidden, comes back after the visibility timeout (perhaps to a silo that can read it) and
    /// moves to the dead letters once it has used up its attempts, while the rest of the batch
    /// is delivered now (its own stream's later events too: one unreadable event costs that
    /// stream its order, not every stream of the queue its events).
    /// </summary>
    private List<object>? Decode(long rowId, StreamId streamId, byte[] payload)
    {
        try
        {
            return serializer.Deserialize<List<object>>(payload) ?? [];
        }
        catch (Exception failure)
        {
            LogUnreadable(logger, failure, rowId, streamId);
            return null;
        }
    }

    /// <summary>
    /// Keeps the rows this reader still holds hidden while its agent works through them. The agent
    /// acknowledges a row only once every subscriber is past it, so one subscriber failing for a
    /// while holds back the acks of everything read after it; past the visibility timeout this
    /// very reader used to read those rows again, deliver them twice and count them towards the
    /// dead letters while their first copy still waited. A row held longer than it could ever be
    /// meant to (every attempt's visibility timeout) is let go, so one the agent lost comes back.
    /// </summary>
    private async Task KeepHeldRowsHiddenWhenDue()
    {
        var now = clock.GetUtcNow();
        if (now < nextHold)
            return;

        nextHold = now + options.VisibilityTimeout / 2;
        var longest = options.VisibilityTimeout * options.MaxAttempts;
        var held = unacknowledged.Where(row => now - row.Value < longest).Select(row => row.Key).ToList();
        if (held.Count == 0)
            return;
        await using var command = OnRowsTaken(StreamSql.ShowAfter, held, options.VisibilityTimeout);
        await command.ExecuteNonQueryAsync();
    }

    private async Task EvictWhenDue()
    {
        var now = clock.GetUtcNow();
        if (now < nextEviction)
            return;

        nextEviction = now + EvictionInterval;
        await using var command = database.Statement(StreamSql.Evict, queue, options.Retention, options.DeadLetterRetention);
        await command.ExecuteNonQueryAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event row {RowId} on {StreamId} cannot be read here; it is retried after the visibility timeout and then dead-lettered")]
    private static partial void LogUnreadable(ILogger logger, Exception failure, long rowId, StreamId streamId);
}
