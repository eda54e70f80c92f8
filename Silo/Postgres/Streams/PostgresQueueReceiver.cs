using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Reads one queue for the pulling agent that owns it. When a read finds nothing, the next read
/// first waits for a NOTIFY from a publisher (or the poll interval), so an idle queue costs no
/// queries and a new event is picked up within milliseconds.
/// </summary>
internal sealed class PostgresQueueReceiver(
    string queue,
    NpgsqlDataSource database,
    Serializer serializer,
    QueueSignal signal,
    PostgresStreamOptions options,
    TimeProvider clock) : IQueueAdapterReceiver
{
    private static readonly TimeSpan EvictionInterval = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? wake;
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
        var batch = await Read(maxCount is QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG or <= 0
            ? options.ReadBatchSize
            : Math.Min(maxCount, options.ReadBatchSize));
        wake = batch.Count == 0 ? nextArrival : null;
        return batch;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        var delivered = messages.OfType<PostgresBatchContainer>().ToList();
        if (delivered.Count == 0)
            return;

        await using var command = database.CreateCommand(StreamSql.Ack);
        command.Parameters.Add(new NpgsqlParameter { Value = delivered.Select(batch => batch.RowId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = delivered.Select(batch => batch.Attempts).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    public Task Shutdown(TimeSpan timeout)
    {
        stopped.TrySetResult();
        return Task.CompletedTask;
    }

    private async Task<List<IBatchContainer>> Read(int maxCount)
    {
        await using var command = database.CreateCommand(StreamSql.Read);
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        command.Parameters.Add(new NpgsqlParameter { Value = options.VisibilityTimeout });
        command.Parameters.Add(new NpgsqlParameter { Value = options.MaxAttempts });

        var batch = new List<PostgresBatchContainer>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var streamId = StreamId.Create(reader.GetString(2), reader.GetString(3));
            var events = serializer.Deserialize<List<object>>(reader.GetFieldValue<byte[]>(4)) ?? [];
            batch.Add(new PostgresBatchContainer(streamId, events, new EventSequenceTokenV2(reader.GetInt64(0)), reader.GetInt32(1)));
        }

        // UPDATE … RETURNING gives no order; the agent's cache must see each stream in row order.
        return [.. batch.OrderBy(container => container.RowId)];
    }

    private async Task EvictWhenDue()
    {
        var now = clock.GetUtcNow();
        if (now < nextEviction)
            return;

        nextEviction = now + EvictionInterval;
        await using var command = database.CreateCommand(StreamSql.Evict);
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Retention });
        command.Parameters.Add(new NpgsqlParameter { Value = options.DeadLetterRetention });
        await command.ExecuteNonQueryAsync();
    }
}
