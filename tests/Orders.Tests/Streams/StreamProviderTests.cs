using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orders.Silo.Postgres.Streams;
using Orders.Tests.Streams.Probes;

namespace Orders.Tests.Streams;

/// <summary>The PostgreSQL stream provider on a two-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StreamProviderTests(ClusterFixture fixture)
{
    private readonly IGrainFactory grains = fixture.Grains;

    [Fact]
    public async Task A_stream_delivers_its_events_in_publish_order()
    {
        var key = Unique.Id("ordered");
        var events = Enumerable.Range(0, 300).Select(index => new ProbeEvent($"e{index}")).ToImmutableArray();

        await Publisher().Publish(ProbeConsumerGrain.Namespace, key, events);

        var handled = await Eventually.Until(() => Consumer(key).Handled(), ids => ids.Length >= events.Length);
        Assert.Equal(events.Select(probe => probe.Id), handled.AsEnumerable());
    }

    [Fact]
    public async Task An_event_whose_handler_throws_is_delivered_again()
    {
        var key = Unique.Id("flaky");

        await Publisher().Publish(ProbeConsumerGrain.Namespace, key, [new ProbeEvent("flaky", Failures: 2), new ProbeEvent("next")]);

        var handled = await Eventually.Until(() => Consumer(key).Handled(), ids => ids.Length >= 2);
        Assert.Equal(["flaky", "next"], handled.AsEnumerable());
        Assert.Equal(3, await Consumer(key).Deliveries("flaky"));
        Assert.Empty(await StreamTables.DeadLetterReasons(key));
    }

    [Fact]
    public async Task An_event_that_keeps_failing_moves_to_the_dead_letters_and_the_stream_goes_on()
    {
        var key = Unique.Id("poison");

        await Publisher().Publish(ProbeConsumerGrain.Namespace, key, [new ProbeEvent("poison", Failures: int.MaxValue), new ProbeEvent("after")]);

        var reasons = await Eventually.Until(() => StreamTables.DeadLetterReasons(key), found => found.Count > 0);
        var handled = await Eventually.Until(() => Consumer(key).Handled(), ids => ids.Contains("after"));
        Assert.Contains("failed every delivery for 00:00:02.2500000 (up to 5, 00:00:00.5000000 apart)", Assert.Single(reasons), StringComparison.Ordinal);
        Assert.Equal(["after"], handled.AsEnumerable());
        // Retried, though perhaps fewer than five times: the agent's delivery window is time, and
        // on a busy machine the first delivery (the consumer's activation) can take part of it.
        Assert.True(await Consumer(key).Deliveries("poison") >= 2);
        await Eventually.Until(() => StreamTables.Queued(streamKey: key), queued => queued == 0);
    }

    [Fact]
    public async Task An_ack_from_a_reader_whose_visibility_ran_out_deletes_nothing()
    {
        await using var queue = new ProbeQueue(fixture.Cluster.FirstSiloServices(), new PostgresStreamOptions { VisibilityTimeout = TimeSpan.Zero }, "fenced-queue");
        var key = Unique.Id("fenced");
        await queue.Write(key, "late");

        var stale = queue.Receiver();
        var current = queue.Receiver();
        var staleRead = await stale.GetQueueMessagesAsync(10);
        var currentRead = await current.GetQueueMessagesAsync(10);   // the visibility timeout (zero) has passed

        await stale.MessagesDeliveredAsync(staleRead);
        var afterStaleAck = await StreamTables.Queued(streamKey: key);
        await current.MessagesDeliveredAsync(currentRead);

        Assert.Equal([new ProbeEvent("late")], Assert.Single(currentRead).GetEvents<ProbeEvent>().Select(pair => pair.Item1));
        Assert.Equal(1, afterStaleAck);
        Assert.Equal(0, await StreamTables.Queued(streamKey: key));
    }

    [Fact]
    public async Task A_row_this_silo_cannot_read_leaves_the_rest_of_its_read_alone_and_then_moves_to_the_dead_letters()
    {
        await using var queue = new ProbeQueue(fixture.Cluster.FirstSiloServices(), new PostgresStreamOptions { VisibilityTimeout = TimeSpan.Zero, MaxAttempts = 1 }, "unreadable-queue");
        var (damaged, healthy) = (Unique.Id("damaged"), Unique.Id("healthy"));
        await queue.Write(damaged, [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x13]);
        await queue.Write(healthy, "readable");
        var receiver = queue.Receiver();

        var first = await receiver.GetQueueMessagesAsync(10);
        await receiver.MessagesDeliveredAsync(first);
        var again = await receiver.GetQueueMessagesAsync(10);   // the damaged row is visible again (timeout zero), its one attempt used

        Assert.Equal([new ProbeEvent("readable")], Assert.Single(first).GetEvents<ProbeEvent>().Select(pair => pair.Item1));
        Assert.Empty(again);
        Assert.Equal(["not acknowledged after 1 deliveries"], await StreamTables.DeadLetterReasons(damaged));
        Assert.Equal(0, await StreamTables.Queued(streamKey: damaged));
        Assert.Equal(0, await StreamTables.Queued(streamKey: healthy));
    }

    /// <summary>
    /// A silo that is stopping fails its deliveries at once ("the local host is shutting down"),
    /// and the pulling agent reports each as failed for good; the event must go to the silo that
    /// takes the queue over, not to the dead letters; the agent moving past it must not
    /// acknowledge it, and the stopping silo must not take it again (each read counts against
    /// the row's attempts).
    /// </summary>
    [Fact]
    public async Task An_event_whose_delivery_is_cut_short_by_its_silo_stopping_is_handed_back_not_buried()
    {
        await using var queue = new ProbeQueue(fixture.Cluster.FirstSiloServices(), new PostgresStreamOptions(), "stopping-queue");
        var key = Unique.Id("cut-short");
        await queue.Write(key, "cut short");
        var tokens = new ReadTokens();
        using var stopping = new CancellationTokenSource();
        var receiver = queue.Receiver(tokens, stopping.Token);
        var failures = new DeadLetterOnFailure(queue.Database, tokens, queue.Options, NullLogger.Instance, stopping.Token);

        var taken = Assert.Single(await receiver.GetQueueMessagesAsync(10));
        await stopping.CancelAsync();
        await failures.OnDeliveryFailure(GuidId.GetNewGuidId(), StreamNames.Provider, taken.StreamId, taken.SequenceToken);
        await receiver.MessagesDeliveredAsync([taken]);          // the agent moves past it
        var readAgainWhileStopping = await receiver.GetQueueMessagesAsync(10);
        var readByTheNextOwner = await queue.Receiver().GetQueueMessagesAsync(10);

        Assert.Empty(await StreamTables.DeadLetterReasons(key));
        Assert.Empty(readAgainWhileStopping);
        Assert.Equal([new ProbeEvent("cut short")], Assert.Single(readByTheNextOwner).GetEvents<ProbeEvent>().Select(pair => pair.Item1));
    }

    [Fact]
    public async Task Rows_a_reader_still_holds_stay_hidden_past_the_visibility_timeout_until_acknowledged()
    {
        await using var queue = new ProbeQueue(
            fixture.Cluster.FirstSiloServices(), new PostgresStreamOptions { VisibilityTimeout = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(200) }, "held-queue");
        var key = Unique.Id("held");
        await queue.Write(key, "slow");
        var receiver = queue.Receiver();

        var first = await receiver.GetQueueMessagesAsync(10);
        // The agent keeps reading while a subscriber is slow with the first event: for three
        // visibility timeouts (each empty read waits up to the poll interval).
        var readAgain = new List<IBatchContainer>();
        for (var deadline = DateTime.UtcNow.AddSeconds(3); DateTime.UtcNow < deadline;)
            readAgain.AddRange(await receiver.GetQueueMessagesAsync(10));
        var readElsewhere = await queue.Receiver().GetQueueMessagesAsync(10);
        await receiver.MessagesDeliveredAsync(first);

        Assert.Single(first);
        Assert.Empty(readAgain);
        Assert.Empty(readElsewhere);
        Assert.Equal(0, await StreamTables.Queued(streamKey: key));
    }

    [Fact]
    public void Every_silo_forgets_idle_streams_within_a_minute()
    {
        // Each read of a queue walks every stream the agent remembers (docs/streams.md), so the
        // order streams of the last half hour (the Orleans default) would make every read slower.
        var periods = fixture.Cluster.Silos.OfType<InProcessSiloHandle>()
            .Select(silo => silo.SiloHost.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(StreamNames.Provider).StreamInactivityPeriod)
            .ToList();

        Assert.Equal(2, periods.Count);
        Assert.All(periods, period => Assert.True(period <= TimeSpan.FromMinutes(1), $"remembers idle streams for {period}"));
    }

    [Fact]
    public async Task A_row_read_again_gets_a_newer_token_than_everything_read_before_it()
    {
        await using var queue = new ProbeQueue(fixture.Cluster.FirstSiloServices(), new PostgresStreamOptions { VisibilityTimeout = TimeSpan.Zero }, "token-queue");
        var receiver = queue.Receiver();

        await queue.Write(Unique.Id("first"), "x");
        var first = await receiver.GetQueueMessagesAsync(10);
        await queue.Write(Unique.Id("second"), "x");
        var again = await receiver.GetQueueMessagesAsync(10);     // the first row is visible again (timeout zero) and comes back

        var rows = first.Concat(again).Cast<PostgresBatchContainer>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(rows[0].RowId, rows[1].RowId);
        Assert.True(rows[1].RowId < rows[2].RowId);
        // The agent's cache needs tokens that only grow in read order, whatever the row ids.
        Assert.Equal(rows.Select(row => row.SequenceToken.SequenceNumber).Order(), rows.Select(row => row.SequenceToken.SequenceNumber));
        Assert.Equal(3, rows.Select(row => row.SequenceToken.SequenceNumber).Distinct().Count());
        await receiver.MessagesDeliveredAsync(again);
    }

    [Fact]
    public async Task A_reader_taking_over_a_queue_holds_a_stream_back_until_the_earlier_readers_rows_return()
    {
        await using var queue = new ProbeQueue(fixture.Cluster.FirstSiloServices(), new PostgresStreamOptions { VisibilityTimeout = TimeSpan.FromHours(1) }, "handover-queue");
        var (held, free) = (Unique.Id("held"), Unique.Id("free"));
        static async Task<string[]> Take(PostgresQueueReceiver reader) =>
            [.. (await reader.GetQueueMessagesAsync(10)).SelectMany(batch => batch.GetEvents<ProbeEvent>()).Select(pair => pair.Item1.Id)];

        var earlier = queue.Receiver();
        await queue.Write(held, "h1");
        Assert.Equal(["h1"], await Take(earlier));
        await queue.Write(held, "h2");
        await queue.Write(free, "f1");
        var successor = queue.Receiver();

        var whileOut = await Take(successor);
        await earlier.Shutdown(TimeSpan.FromSeconds(5));    // hands h1 back
        var afterReturn = await Take(successor);
        await queue.Write(held, "h3");
        var ownRowsOut = await Take(successor);

        Assert.Equal(["f1"], whileOut);
        Assert.Equal(["h1", "h2"], afterReturn);
        // Only an earlier reader's rows hold a stream back; its own agent keeps the order of its own.
        Assert.Equal(["h3"], ownRowsOut);
        await successor.Shutdown(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Every partition has exactly one pulling agent in the cluster. How the two silos split them
    /// follows the hash ring (docs/streams.md), which can leave one silo none, so the split
    /// itself is not asserted.
    /// </summary>
    [Fact]
    public async Task Each_partition_has_one_pulling_agent_in_the_cluster()
    {
        var management = grains.GetGrain<IManagementGrain>(0);

        var agents = await Eventually.Until(
            async () => (await management.SendControlCommandToProvider<PersistentStreamProvider>(
                StreamNames.Provider, (int)PersistentStreamProviderCommand.GetNumberRunningAgents, null)).Cast<int>().ToList(),
            counts => counts.Count == 2 && counts.Sum() == 8);

        Assert.Equal(8, agents.Sum());
    }

    private IProbePublisherGrain Publisher() => grains.GetGrain<IProbePublisherGrain>(Guid.NewGuid());

    private IProbeConsumerGrain Consumer(string key) => grains.GetGrain<IProbeConsumerGrain>(key);
}
