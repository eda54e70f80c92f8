using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Streams;
using Orders.Silo.Postgres.Streams;
using Orders.Tests.Streams.Probes;
using static Orders.Tests.Streams.ProbeQueue;

namespace Orders.Tests.Streams;

/// <summary>
/// A queue's readers alone, with no pulling agent: who may read (the lease), from where (the read
/// position), and what becomes of rows nobody acknowledges.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueReceiverTests(ClusterFixture fixture)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Only_the_lease_holder_reads_a_queue_and_the_next_holder_starts_from_its_oldest_row()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "handover-queue");
        var key = Unique.Id("handover");
        var (first, second) = (queue.Receiver(), queue.Receiver());
        await queue.Write(key, "a");

        var readFirst = Ids(await Take(first, 1));
        var readWhileHeld = await second.GetQueueMessagesAsync(10);
        await queue.Write(key, "b");
        var readFirstAgain = Ids(await Take(first, 1));
        await first.Shutdown(StopTimeout);              // hands the queue back with nothing acknowledged
        var readAfterHandover = await Take(second, 2);
        await second.MessagesDeliveredAsync([.. readAfterHandover]);

        Assert.Equal(["a"], readFirst);
        Assert.Empty(readWhileHeld);
        Assert.Equal(["b"], readFirstAgain);             // a holder reads each row once, however long its ack takes
        Assert.Equal(["a", "b"], Ids(readAfterHandover));
        Assert.Equal(0, await StreamTables.Queued(streamKey: key));
        Assert.Empty(await StreamTables.DeadLetterReasons(key));
    }

    [Fact]
    public async Task A_reader_whose_queue_was_taken_over_reads_nothing_more_of_it()
    {
        // A lease of no time runs out at once, so the successor takes over as from a reader cut off.
        await using var queue = Queue(new PostgresStreamOptions { LeaseTime = TimeSpan.Zero }, "taken-over-queue");
        var key = Unique.Id("taken-over");
        var (cutOff, successor) = (queue.Receiver(), queue.Receiver());
        await queue.Write(key, "a");

        var readByCutOff = Ids(await Take(cutOff, 1));
        var readBySuccessor = Ids(await Take(successor, 1));
        await queue.Write(key, "b");
        var readBySuccessorNext = Ids(await Take(successor, 1));
        var readByCutOffNext = await cutOff.GetQueueMessagesAsync(10);

        Assert.Equal(["a"], readByCutOff);
        Assert.Equal(["a"], readBySuccessor);
        Assert.Equal(["b"], readBySuccessorNext);
        Assert.Empty(readByCutOffNext);
    }

    [Fact]
    public async Task Rows_a_reader_died_holding_count_an_attempt_and_move_to_the_dead_letters_once_used_up()
    {
        await using var queue = Queue(new PostgresStreamOptions { LeaseTime = TimeSpan.Zero, MaxAttempts = 2 }, "died-queue");
        var (poison, later) = (Unique.Id("poison"), Unique.Id("later"));
        await queue.Write(poison, "p");

        await Take(queue.Receiver(), 1);                         // its silo dies before the ack
        var readBySecond = Ids(await Take(queue.Receiver(), 1)); // so does this one's
        var attemptsAfterSecond = await StreamTables.Attempts(poison);
        await queue.Write(later, "l");
        var third = new FakeLogger();
        var readByThird = Ids(await Take(queue.Receiver(logger: third), 1));

        Assert.Equal(["p"], readBySecond);
        Assert.Equal([1], attemptsAfterSecond);
        Assert.Equal(["l"], readByThird);
        Assert.Equal(["read by 2 readers that never acknowledged it"], await StreamTables.DeadLetterReasons(poison));
        var said = Assert.Single(third.Collector.GetSnapshot(), record => record.Level == LogLevel.Warning);
        Assert.Equal($"1 events of queue {queue.Name} were read by 2 readers that all died holding them; they moved to the dead letters", said.Message);
        Assert.Equal([0], await StreamTables.Attempts(later));   // written after the last read: read by no one before
    }

    /// <summary>
    /// An idle queue is polled every <see cref="PostgresStreamOptions.PollInterval"/>, and a busy one
    /// runs dry after most reads: a read that renewed the lease each time would commit each time.
    /// </summary>
    [Fact]
    public async Task A_read_that_finds_nothing_leaves_a_fresh_lease_alone()
    {
        await using var queue = Queue(new PostgresStreamOptions { LeaseTime = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromMilliseconds(10) }, "idle-queue");
        var receiver = queue.Receiver();

        var firstRead = await receiver.GetQueueMessagesAsync(10);      // takes the lease
        var taken = await StreamTables.LeaseExpiry(queue.Name);
        var laterReads = new List<IList<IBatchContainer>>();
        for (var read = 0; read < 3; read++)
            laterReads.Add(await receiver.GetQueueMessagesAsync(10));
        var afterEmptyReads = await StreamTables.LeaseExpiry(queue.Name);

        Assert.Empty(firstRead);
        Assert.All(laterReads, Assert.Empty);
        Assert.NotNull(taken);
        Assert.Equal(taken, afterEmptyReads);
    }

    /// <summary>
    /// Row ids are drawn before commit: a reader that went by id alone would read a row committed
    /// while one with a lower id was still being written, and pass that one by for good.
    /// </summary>
    [Fact]
    public async Task A_row_committed_after_a_row_with_a_higher_id_is_still_read_and_first()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "commit-order-queue");
        var key = Unique.Id("commit-order");
        var receiver = queue.Receiver();
        await using var connection = await queue.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO stream_events (queue, stream_namespace, stream_key, payload) VALUES ($1, $2, $3, $4)", connection, transaction))
        {
            foreach (var value in new object[] { queue.Name, ProbeConsumerGrain.Namespace, key, queue.Payload("inserted first") })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync();
        }
        await queue.Write(key, "committed first");

        var readWhileOpen = await receiver.GetQueueMessagesAsync(10);
        var holdersFound = await queue.Database.Column<int>(DocumentedSql.Containing("docs/streams.md", "FROM pg_stat_activity"));
        await transaction.CommitAsync();
        var read = Ids(await Take(receiver, 2));

        Assert.Empty(readWhileOpen);
        Assert.Contains(connection.ProcessID, holdersFound);     // as docs/streams.md's query finds it for an operator
        Assert.Equal(["inserted first", "committed first"], read);
    }

    [Fact]
    public async Task Dead_letters_revived_as_docs_streams_md_says_are_read_again_in_their_order()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "revived-queue");
        var key = Unique.Id("revived");
        await queue.Write(key, "a");
        await queue.Write(key, "b");
        await queue.Database.Execute(
            """
            WITH buried AS (DELETE FROM stream_events WHERE stream_key = $1 RETURNING *)
            INSERT INTO stream_dead_letters (id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, reason)
            SELECT id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, 'buried by the test' FROM buried ORDER BY id DESC
            """, key);

        // The document's statement revives one letter by its id; the same for every letter of the
        // stream, which lie in the table last first: their new ids must still follow their old ones.
        var revive = DocumentedSql.Containing("docs/streams.md", "WITH revived AS").Replace("WHERE id = 42", "WHERE stream_key = $1", StringComparison.Ordinal);
        await queue.Database.Execute(revive, key);
        var read = Ids(await Take(queue.Receiver(), 2));

        Assert.Equal(["a", "b"], read);
        Assert.Empty(await StreamTables.DeadLetterReasons(key));
    }


    [Fact]
    public async Task A_row_this_silo_cannot_read_moves_to_the_dead_letters_and_the_rest_of_its_read_goes_on()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "unreadable-queue");
        var (damaged, healthy) = (Unique.Id("damaged"), Unique.Id("healthy"));
        await queue.Write(damaged, [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x13]);
        await queue.Write(healthy, "readable");
        var receiver = queue.Receiver();

        var read = await Take(receiver, 1);
        await receiver.MessagesDeliveredAsync([.. read]);

        Assert.Equal(["readable"], Ids(read));
        Assert.StartsWith("cannot be read by ", Assert.Single(await StreamTables.DeadLetterReasons(damaged)), StringComparison.Ordinal);
        Assert.Equal(0, await StreamTables.Queued(streamKey: damaged));
        Assert.Equal(0, await StreamTables.Queued(streamKey: healthy));
    }

    [Fact]
    public async Task A_reader_whose_silo_is_stopping_waits_its_poll_interval_between_empty_answers()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "idle-while-stopping-queue");
        await queue.Write(Unique.Id("read"), "a");
        using var stopping = new CancellationTokenSource();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var receiver = queue.Receiver(siloStopping: stopping.Token, clock: clock);
        // A batch read: the next read goes at once, as it would under load.
        await Take(receiver, 1);
        await stopping.CancelAsync();

        var first = await receiver.GetQueueMessagesAsync(10).WaitAsync(StopTimeout);
        // Nothing left to read or evict: without a wait of its own the reader answers at once.
        var second = receiver.GetQueueMessagesAsync(10);
        var answeredBeforeItsTime = second.IsCompleted;
        clock.Advance(queue.Options.PollInterval);

        Assert.Empty(first);
        Assert.False(answeredBeforeItsTime);
        Assert.Empty(await second.WaitAsync(StopTimeout));
    }

    /// <summary>
    /// A silo that is stopping fails its deliveries at once ("the local host is shutting down"),
    /// and the pulling agent reports each as failed for good; the event must go to the silo that
    /// takes the queue over, not to the dead letters, and the agent moving past it must not
    /// acknowledge it.
    /// </summary>
    [Fact]
    public async Task An_event_whose_delivery_is_cut_short_by_its_silo_stopping_is_left_for_the_next_reader_not_buried()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "stopping-queue");
        var key = Unique.Id("cut-short");
        using var stopping = new CancellationTokenSource();
        var (receiver, taken, tokens) = await ReadForAFailingDelivery(queue, key, siloStopping: stopping.Token);

        await stopping.CancelAsync();
        await GiveUp(tokens, taken);
        await receiver.MessagesDeliveredAsync([taken]);          // the agent moves past it
        var readAgainWhileStopping = await receiver.GetQueueMessagesAsync(10);
        await receiver.Shutdown(StopTimeout);
        var readByTheNextReader = Ids(await Take(queue.Receiver(), 1));

        Assert.Empty(await StreamTables.DeadLetterReasons(key));
        Assert.Empty(readAgainWhileStopping);
        Assert.Equal([key], readByTheNextReader);
    }

    /// <summary>
    /// A pulling agent stops retrying a failing delivery once its queue moves to another silo (a
    /// silo joining the cluster, not this one stopping) and reports it failed for good at once;
    /// the event must go to the silo that takes the queue over, not to the dead letters.
    /// </summary>
    [Fact]
    public async Task An_event_whose_delivery_fails_as_its_queue_is_handed_over_is_left_for_the_next_reader_not_buried()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "handed-over-queue");
        var key = Unique.Id("handed-over");
        var (receiver, taken, tokens) = await ReadForAFailingDelivery(queue, key);

        await receiver.Shutdown(StopTimeout);
        await GiveUp(tokens, taken);
        var holderOnceHandedBack = await StreamTables.LeaseHolder(queue.Name);
        var readByTheNextReader = Ids(await Take(queue.Receiver(), 1));

        Assert.Empty(await StreamTables.DeadLetterReasons(key));
        // Held by nobody: a read of the old reader's still on its way takes nothing and renews nothing.
        Assert.Equal("", holderOnceHandedBack);
        Assert.Equal([key], readByTheNextReader);
    }

    /// <summary>
    /// An event its subscriber fails <see cref="PostgresStreamOptions.MaxAttempts"/> times while the
    /// database answers is poison: it moves to the dead letters with the last failure as its reason.
    /// </summary>
    [Fact]
    public async Task An_event_failed_every_attempt_with_the_database_answering_moves_to_the_dead_letters_with_its_last_failure()
    {
        await using var queue = Queue(new PostgresStreamOptions { MaxAttempts = 2 }, "poison-queue");
        var key = Unique.Id("poison");
        var (_, taken, tokens) = await ReadForAFailingDelivery(queue, key);
        var poison = new PoisonEvents(StreamNames.Provider, tokens, queue.Database, queue.Options, NullLogger<PoisonEvents>.Instance);
        var subscription = GuidId.GetNewGuidId();

        var buriedAtFirst = await poison.Buried(subscription, taken, new InvalidOperationException("first"));
        var buriedAtSecond = await poison.Buried(subscription, taken, new InvalidOperationException("a handler's bug"));

        Assert.False(buriedAtFirst);
        Assert.True(buriedAtSecond);
        Assert.Contains("a handler's bug", Assert.Single(await StreamTables.DeadLetterReasons(key)));
        Assert.Equal(0, await StreamTables.Queued(streamKey: key));
        Assert.Null(tokens.RowOf(taken.Token));          // not acknowledged as the agent moves past it
    }

    /// <summary>
    /// Failures while the database does not answer, or the subscriber cannot be reached, or its
    /// storage fails, are an outage, not the event's: however many, they count no attempt, and the
    /// event stays queued.
    /// </summary>
    [Fact]
    public async Task Failures_while_the_database_is_away_or_the_subscriber_unreachable_or_its_storage_failing_count_no_attempt()
    {
        await using var queue = Queue(new PostgresStreamOptions { MaxAttempts = 2 }, "outage-queue");
        var key = Unique.Id("outage");
        var (_, taken, tokens) = await ReadForAFailingDelivery(queue, key);
        await using var login = await RoleThatMayLogIn.Create(queue.Database);
        var poison = new PoisonEvents(StreamNames.Provider, tokens, login.Database, queue.Options, NullLogger<PoisonEvents>.Instance);
        var subscription = GuidId.GetNewGuidId();

        await login.Refuse();
        var buriedWhileAway = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => poison.Buried(subscription, taken, new InvalidOperationException("no state"))));
        await login.Allow();
        var buriedWhileUnreachable = await poison.Buried(subscription, taken, new TimeoutException("the subscriber's silo is dying"));
        var buriedWhileItsStorageFails = await poison.Buried(subscription, taken, new NpgsqlException("the subscriber's connection was reset", new IOException("connection reset by peer")));
        var buriedAtFirstCountedFailure = await poison.Buried(subscription, taken, new InvalidOperationException("a handler's bug"));

        Assert.All(buriedWhileAway, Assert.False);
        Assert.False(buriedWhileUnreachable);
        Assert.False(buriedWhileItsStorageFails);
        Assert.False(buriedAtFirstCountedFailure);
        Assert.Equal(1, await StreamTables.Queued(streamKey: key));
        Assert.True(await poison.Buried(subscription, taken, new InvalidOperationException("a handler's bug")));
    }

    [Fact]
    public async Task A_row_read_again_gets_a_newer_token_than_everything_read_before_it()
    {
        await using var queue = Queue(new PostgresStreamOptions(), "token-queue");
        var tokens = new ReadTokens();
        var first = queue.Receiver(tokens);

        await queue.Write(Unique.Id("first"), "x");
        var readFirst = await Take(first, 1);
        await first.Shutdown(StopTimeout);
        await queue.Write(Unique.Id("second"), "x");
        var readAgain = await Take(queue.Receiver(tokens), 2);   // the first row again, then the second

        var rows = readFirst.Concat(readAgain).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(rows[0].RowId, rows[1].RowId);
        Assert.True(rows[1].RowId < rows[2].RowId);
        // The agent's cache needs tokens that only grow in read order, whatever the row ids.
        Assert.Equal(rows.Select(row => row.SequenceToken.SequenceNumber).Order(), rows.Select(row => row.SequenceToken.SequenceNumber));
        Assert.Equal(3, rows.Select(row => row.SequenceToken.SequenceNumber).Distinct().Count());
    }

    [Fact]
    public async Task Events_past_the_retention_move_to_the_dead_letters_a_batch_at_a_time_until_none_is_left()
    {
        await using var queue = Queue(new PostgresStreamOptions { Retention = TimeSpan.Zero }, "expired-queue");
        var key = Unique.Id("expired");
        var backlog = PostgresQueueReceiver.EvictionBatch + PostgresQueueReceiver.EvictionBatch / 2;
        await using (var queued = queue.Database.CreateCommand(
            "INSERT INTO stream_events (queue, stream_namespace, stream_key, payload) SELECT $1, 'probe', $2, '\\x00'::bytea FROM generate_series(1, $3)"))
        {
            queued.Parameters.Add(new() { Value = queue.Name });
            queued.Parameters.Add(new() { Value = key });
            queued.Parameters.Add(new() { Value = backlog });
            await queued.ExecuteNonQueryAsync();
        }

        var log = new FakeLogger();
        var read = await queue.Receiver(logger: log).GetQueueMessagesAsync(10).WaitAsync(StopTimeout);

        Assert.Empty(read);
        Assert.Equal(0, await StreamTables.Queued(key));
        var reasons = await StreamTables.DeadLetterReasons(key);
        Assert.Equal(backlog, reasons.Count);
        Assert.All(reasons, reason => Assert.Equal("expired undelivered", reason));
        var said = Assert.Single(log.Collector.GetSnapshot(), record => record.Level == LogLevel.Warning);
        Assert.Equal($"{backlog} events of queue {queue.Name} were still undelivered after the retention (00:00:00); they moved to the dead letters", said.Message);
    }

    [Fact]
    public async Task A_reader_shut_down_while_its_read_waits_takes_no_lease_after_it()
    {
        // With no retention the queue's one row is due for eviction, whose delete waits on the
        // row's lock here: the read is held up before it takes the lease, as a slow eviction holds it.
        await using var queue = Queue(new PostgresStreamOptions { Retention = TimeSpan.Zero }, "stopped-mid-read-queue");
        await queue.Write(Unique.Id("stopped-mid-read"), "x");
        var reader = queue.Receiver();
        await using var locker = await queue.Database.OpenConnectionAsync();
        await using var locking = await locker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM stream_events WHERE queue = $1 FOR UPDATE", locker, locking) { Parameters = { new() { Value = queue.Name } } })
            await lockRow.ExecuteNonQueryAsync();

        var read = reader.GetQueueMessagesAsync(10);
        await Eventually.Until(() => Blocked(queue.Database, locker.ProcessID), blocked => blocked > 0);
        await reader.Shutdown(StopTimeout);
        await locking.RollbackAsync();
        var readAfterShutdown = await read.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(readAfterShutdown);
        Assert.True(string.IsNullOrEmpty(await StreamTables.LeaseHolder(queue.Name)), "the stopped reader holds the queue's lease");
    }

    [Fact]
    public async Task Rows_an_older_transaction_held_back_are_read_soon_after_it_ends_with_no_new_notification()
    {
        // These receivers hear no NOTIFY (each has a signal of its own), as a reader whose
        // notification came while the rows could not yet be read: only reading again soon finds them.
        await using var queue = Queue(new PostgresStreamOptions { PollInterval = TimeSpan.FromMinutes(5) }, "held-back-queue");
        var reader = queue.Receiver();
        await using var older = await queue.Database.OpenConnectionAsync();
        await using var running = await older.BeginTransactionAsync();
        await using (var takeId = new NpgsqlCommand("SELECT pg_current_xact_id()", older, running))
            await takeId.ExecuteNonQueryAsync();
        await queue.Write(Unique.Id("held-back"), "x");

        var readWhileHeldBack = await reader.GetQueueMessagesAsync(10);
        await running.CommitAsync();
        var readAfter = await Take(reader, 1).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(readWhileHeldBack);
        Assert.Equal(["x"], Ids(readAfter));
    }

    /// <summary>How many of PostgreSQL's sessions wait on a lock the session <paramref name="blocker"/> holds.</summary>
    private static async Task<long> Blocked(NpgsqlDataSource database, int blocker)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))");
        command.Parameters.Add(new NpgsqlParameter { Value = blocker });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private ProbeQueue Queue(PostgresStreamOptions options, string name) => new(fixture.Cluster.FirstSiloServices(), options, name);

    /// <summary>One event queued on a new stream and read: what the pulling agent holds when a delivery fails.</summary>
    private static async Task<(PostgresQueueReceiver Reader, PostgresBatchContainer Row, ReadTokens Tokens)> ReadForAFailingDelivery(
        ProbeQueue queue, string key, CancellationToken siloStopping = default)
    {
        await queue.Write(key, key);
        var tokens = new ReadTokens();
        var reader = queue.Receiver(tokens, siloStopping: siloStopping);
        return (reader, Assert.Single(await Take(reader, 1)), tokens);
    }

    /// <summary>The pulling agent giving up on a row's delivery.</summary>
    private static Task GiveUp(ReadTokens tokens, PostgresBatchContainer row) =>
        new LeaveQueuedOnFailure(tokens, NullLogger.Instance).OnDeliveryFailure(GuidId.GetNewGuidId(), StreamNames.Provider, row.StreamId, row.SequenceToken);
}
