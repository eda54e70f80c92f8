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
internal sealed class PostgresQueueReceiver(
    string queue,
    NpgsqlDataSource database,
    Serializer serializer,
    QueueSignal signal,
    ReadTokens tokens,
    PostgresStreamOptions options,
    TimeProvider clock) : IQueueAdapterReceiver
{
    private static readonly TimeSpan EvictionInterval = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<PostgresBatchContainer, byte> unacknowledged = new();
    private Task? wake;
    private HashSet<long>? earlierReadersRows;
    private DateTimeOffset nextEviction;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (wake is { } arrival)
            await Task.WhenAny(arrival, stopped.Task, Task.Delay(options.PollInterval, clock));
        if (stopped.Task.IsCompleted)
            return [];

        await EvictWhenDue();
        var nextArrival = signal.Next;
        var batch = await Read(QueueAdapterContract.ReadSize(maxCount, options.ReadBatchSize));
        wake = batch.Count == 0 ? nextArrival : null;
        return batch;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        var delivered = messages.OfType<PostgresBatchContainer>().ToList();
        if (delivered.Count == 0)
            return;

        await Settle(StreamSql.Ack, delivered);
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        stopped.TrySetResult();
        var taken = unacknowledged.Keys.ToList();
        if (taken.Count > 0)
            await Settle(StreamSql.Release, taken);
    }

    /// <summary>Acks or hands back rows, each only while it still has the attempt count this reader saw.</summary>
    private async Task Settle(string sql, IReadOnlyCollection<PostgresBatchContainer> rows)
    {
        await using var command = database.Statement(
            sql,
            rows.Select(row => row.RowId).ToArray(),
            rows.Select(row => row.Attempts).ToArray());
        await command.ExecuteNonQueryAsync();
        foreach (var row in rows)
        {
            unacknowledged.TryRemove(row, out _);
            tokens.Forget(row.Token);
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
        foreach (var row in rows.OrderBy(row => row.RowId))
        {
            var events = serializer.Deserialize<List<object>>(row.Payload) ?? [];
            var container = new PostgresBatchContainer(row.StreamId, events, tokens.Issue(row.RowId), row.RowId, row.Attempts);
            unacknowledged[container] = 0;
            batch.Add(container);
        }
        return batch;
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
}
