using Orleans.Serialization;
using Orleans.Streams;
using Orders.Silo.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Reads one queue for the pulling agent that owns it. Only the holder of the queue's lease reads
/// it: while partitions move between silos two agents can own a queue for a moment, and two
/// readers would each deliver part of a stream, the later part first. The holder reads forward
/// from a position it keeps in memory, so a read writes no event rows, only the lease: how far
/// it has read, and the lease renewed (by an empty read only once half of it has run). A reader
/// that takes a queue over starts from its oldest row, so whatever an earlier reader left
/// unacknowledged comes again, each stream in order. When a read finds nothing (or the lease is
/// someone else's), the next first waits for a NOTIFY from a publisher or a reader handing the
/// queue back, or for the poll interval, so an idle queue costs one small query a poll and a new
/// event is picked up within milliseconds. A read that finds nothing only because an older
/// transaction still runs (its rows committed, their NOTIFY come and gone) reads again soon instead,
/// sooner the first times (<see cref="HeldBackRetry"/>).
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

    /// <summary>The oldest events one eviction statement looks at.</summary>
    internal const int EvictionBatch = 1_000;

    /// <summary>The first wait after a read whose rows an older transaction held back; it doubles while they stay held, up to the poll interval.</summary>
    private static readonly TimeSpan HeldBackRetry = TimeSpan.FromMilliseconds(5);

    /// <summary>This reader's name in the lease table; a new receiver for the queue, even on this silo, is a new holder.</summary>
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? wake;
    private bool holding;
    private ReadPosition position = ReadPosition.Start;
    private long[] acksOwed = [];
    private DateTimeOffset nextEviction;
    private bool rowsHeldBack;
    private TimeSpan heldBackWait = HeldBackRetry;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (wake is { } arrival)
            await Task.WhenAny(arrival, stopped.Task, Task.Delay(options.PollInterval, clock));
        if (stopped.Task.IsCompleted)
            return [];

        await EvictWhenDue();
        // A stopping silo cannot deliver what it would take now (its calls fail at once): it
        // leaves the rows to the next reader. Nor does a receiver shut down while it evicted: it
        // has handed the queue back, and a lease it took now would be read and renewed by no one.
        if (siloStopping.IsCancellationRequested || stopped.Task.IsCompleted)
        {
            // Asked again at the agent's next tick (a millisecond): waiting on nothing but its
            // shutdown, the next read waits its poll interval instead of answering at once.
            wake = stopped.Task;
            return [];
        }
        var nextArrival = signal.Next;
        rowsHeldBack = false;
        holding = holding || await TakeLease();
        var batch = holding ? await Read(QueueAdapterContract.ReadSize(maxCount, options.ReadBatchSize)) : [];
        if (stopped.Task.IsCompleted)
        {
            // Shut down while it read: the agent takes nothing more, so the queue goes back again.
            await HandBack();
            return [];
        }
        if (batch.Count > 0 || !rowsHeldBack)
            heldBackWait = HeldBackRetry;
        wake = batch.Count > 0 ? null : rowsHeldBack ? HeldBackWake() : nextArrival;
        return batch;
    }

    /// <summary>
    /// When to read again rows an older transaction held back: their publisher's NOTIFY came
    /// before they could be read, and nothing may notify again once that transaction ends.
    /// </summary>
    private Task HeldBackWake()
    {
        var wait = heldBackWait;
        heldBackWait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, options.PollInterval.Ticks));
        return Task.Delay(wait, clock);
    }

    /// <summary>
    /// Deletes the rows every subscriber has had. A row whose token is gone was settled already
    /// (buried by <see cref="PoisonEvents"/>, or left for the next reader by the failure handler as
    /// the agent stopped): acknowledging it would delete it. An ack that fails is owed and sent with the next one:
    /// this reader will not read those rows again.
    /// </summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        var delivered = messages.OfType<PostgresBatchContainer>().Where(row => tokens.RowOf(row.Token) is not null).ToList();
        foreach (var row in delivered)
            tokens.Forget(row.Token);
        long[] acks = [.. acksOwed, .. delivered.Select(row => row.RowId)];
        if (acks.Length == 0)
            return;

        acksOwed = acks;
        await using var command = database.Statement(StreamSql.Ack, acks);
        await command.ExecuteNonQueryAsync();
        acksOwed = [];
    }

    /// <summary>
    /// Hands the queue back, so the silo taking it over reads it at once instead of waiting out the
    /// lease. The rows still out with the agent are forgotten before anything else (the agent runs
    /// nothing in between): a stopped agent stops retrying a failing delivery and reports it failed
    /// for good, and without its token the failure handler leaves the row to the next reader
    /// instead of burying it after one attempt.
    /// </summary>
    public Task Shutdown(TimeSpan timeout)
    {
        stopped.TrySetResult();
        return HandBack();
    }

    /// <summary>Forgets the rows out with the agent and releases the lease, read position and all, so the next reader counts no attempt for them.</summary>
    private async Task HandBack()
    {
        tokens.ForgetAllOf(holder);
        await using var command = database.Statement(StreamSql.Release, queue, holder);
        await command.ExecuteNonQueryAsync();
        holding = false;
    }

    /// <summary>
    /// Takes the queue's lease if no one else holds it. Taken from someone else, the queue is read
    /// from its oldest row; rows the earlier holder read and never acknowledged count an attempt
    /// in the same statement (<see cref="StreamSql.TakeLease"/>).
    /// </summary>
    private async Task<bool> TakeLease()
    {
        await using var command = database.Statement(StreamSql.TakeLease, queue, holder, options.LeaseTime, options.MaxAttempts);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (!reader.GetBoolean(0))
            return false;

        var previous = reader.IsDBNull(1) ? null : reader.GetString(1);
        if (previous != holder)
        {
            position = ReadPosition.Start;
            LogLeaseTaken(logger, queue, previous);
        }
        if (reader.GetInt64(2) is > 0 and var abandoned)
        {
            LogAbandoned(logger, abandoned, queue, options.MaxAttempts);
            DeadLetters.Moved(DeadLetters.Abandoned, abandoned);
        }
        return true;
    }

    private async Task<IList<IBatchContainer>> Read(int maxCount)
    {
        var rows = new List<(long RowId, ReadPosition Position, StreamId StreamId, byte[] Payload)>();
        await using (var command = database.Statement(StreamSql.Read, queue, holder, position.Tx, position.Id, maxCount, options.LeaseTime))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                holding = reader.GetBoolean(0);
                rowsHeldBack = holding && reader.GetBoolean(6);
                if (!reader.IsDBNull(1))
                    rows.Add((reader.GetInt64(1), new ReadPosition(reader.GetInt64(2), reader.GetInt64(1)), StreamId.Create(reader.GetString(3), reader.GetString(4)), reader.GetFieldValue<byte[]>(5)));
            }
        }
        if (!holding)
        {
            LogLeaseLost(logger, queue);
            return [];
        }
        if (rows.Count == 0)
            return [];

        var decoded = rows.Select(row => (row.RowId, row.StreamId, Decoded: Decode(row.RowId, row.StreamId, row.Payload))).ToList();
        foreach (var (rowId, _, (_, failure)) in decoded.Where(row => row.Decoded.Failure is not null))
            await database.Bury(rowId, $"cannot be read by {holder}: {failure}", DeadLetters.Unreadable);
        // Moved only once the rows are sure to reach the agent or the dead letters: a read that
        // fails before is read again.
        position = rows[^1].Position;
        return [.. decoded
            .Where(row => row.Decoded.Events is not null)
            .Select(row => new PostgresBatchContainer(row.StreamId, row.Decoded.Events!, tokens.Issue(row.RowId, holder), row.RowId))];
    }

    /// <summary>
    /// A payload this silo cannot read (an event type from a newer version during a rolling
    /// deploy, or a damaged row) is left out of the batch rather than failing it, and moves to the
    /// dead letters with the error (revive it once a silo that reads it runs), while the rest of
    /// the batch is delivered now: one unreadable event costs its own stream that event, not every
    /// stream of the queue its events.
    /// </summary>
    private (List<object>? Events, string? Failure) Decode(long rowId, StreamId streamId, byte[] payload)
    {
        try
        {
            return (serializer.Deserialize<List<object>>(payload) ?? [], null);
        }
        catch (Exception failure)
        {
            LogUnreadable(logger, failure, rowId, streamId);
            return (null, $"{failure.GetType().Name}: {failure.Message}");
        }
    }

    private async Task EvictWhenDue()
    {
        var now = clock.GetUtcNow();
        if (now < nextEviction)
            return;

        nextEviction = now + EvictionInterval;
        // A whole batch moved may leave more behind it: a backlog that outlived the retention.
        long moved, expired = 0;
        try
        {
            do
            {
                moved = await Evict();
                expired += moved;
            }
            while (moved == EvictionBatch);
        }
        finally
        {
            // Batches already committed are told of even when a later one fails.
            if (expired > 0)
            {
                LogExpired(logger, expired, queue, options.Retention);
                DeadLetters.Moved(DeadLetters.Expired, expired);
            }
        }
    }

    private async Task<long> Evict()
    {
        await using var command = database.Statement(StreamSql.Evict, queue, options.Retention, options.DeadLetterRetention, EvictionBatch);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event row {RowId} on {StreamId} cannot be read here; it moves to the dead letters")]
    private static partial void LogUnreadable(ILogger logger, Exception failure, long rowId, StreamId streamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} events of queue {Queue} were read by {MaxAttempts} readers that all died holding them; they moved to the dead letters")]
    private static partial void LogAbandoned(ILogger logger, long count, string queue, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} events of queue {Queue} were still undelivered after the retention ({Retention}); they moved to the dead letters")]
    private static partial void LogExpired(ILogger logger, long count, string queue, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading queue {Queue}; its previous reader was {PreviousHolder}")]
    private static partial void LogLeaseTaken(ILogger logger, string queue, string? previousHolder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} was taken over by another reader; this one reads it again once it is free")]
    private static partial void LogLeaseLost(ILogger logger, string queue);
}
