using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
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

        // One failure: its retry comes half a second on (until session 55 the agent gave up by time,
        // and on a busy machine two retries once ran past its window and buried the event).
        await Publisher().Publish(ProbeConsumerGrain.Namespace, key, [new ProbeEvent("flaky", Failures: 1), new ProbeEvent("next")]);

        var handled = await Eventually.Until(() => Consumer(key).Handled(), ids => ids.Length >= 2);
        Assert.Equal(["flaky", "next"], handled.AsEnumerable());
        Assert.Equal(2, await Consumer(key).Deliveries("flaky"));
        Assert.Empty(await StreamTables.DeadLetterReasons(key));
    }

    [Fact]
    public async Task An_event_that_keeps_failing_moves_to_the_dead_letters_and_the_stream_goes_on()
    {
        var key = Unique.Id("poison");

        await Publisher().Publish(ProbeConsumerGrain.Namespace, key, [new ProbeEvent("poison", Failures: int.MaxValue), new ProbeEvent("after")]);

        var reasons = await Eventually.Until(() => StreamTables.DeadLetterReasons(key), found => found.Count > 0);
        var handled = await Eventually.Until(() => Consumer(key).Handled(), ids => ids.Contains("after"));
        Assert.Contains("failed 5 deliveries (00:00:00.5000000 apart) with the database answering; the last: InvalidOperationException: probe poison fails delivery 5", Assert.Single(reasons), StringComparison.Ordinal);
        Assert.Equal(["after"], handled.AsEnumerable());
        // Counted, not timed: however slow the first delivery (the consumer's activation), five.
        Assert.Equal(5, await Consumer(key).Deliveries("poison"));
        await Eventually.Until(() => StreamTables.Queued(streamKey: key), queued => queued == 0);
    }

    [Fact]
    public void Every_silo_forgets_idle_streams_within_a_minute()
    {
        // Each read of a queue walks every stream the agent remembers (docs/streams.md), so the
        // order streams of the last half hour (the Orleans default) would make every read slower.
        var periods = fixture.OnEverySilo<IOptionsMonitor<StreamPullingAgentOptions>>()
            .Select(options => options.Get(StreamNames.Provider).StreamInactivityPeriod)
            .ToList();

        Assert.Equal(2, periods.Count);
        Assert.All(periods, period => Assert.True(period <= TimeSpan.FromMinutes(1), $"remembers idle streams for {period}"));
    }

    /// <summary>
    /// Every partition has exactly one pulling agent in the cluster: eight agents in all, and each
    /// of the eight queues read under a lease. How the two silos split them follows the hash ring
    /// (docs/streams.md), which can leave one silo none, so the split itself is not asserted.
    /// </summary>
    [Fact]
    public async Task Each_partition_has_one_pulling_agent_in_the_cluster()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var queues = fixture.Cluster.FirstSiloServices().GetRequiredKeyedService<PostgresQueues>(StreamNames.Provider);

        var agents = await Eventually.Until(
            async () => (await management.SendControlCommandToProvider<PersistentStreamProvider>(
                StreamNames.Provider, (int)PersistentStreamProviderCommand.GetNumberRunningAgents, null)).Cast<int>().ToList(),
            counts => counts.Count == 2 && counts.Sum() == 8);
        var holders = await Eventually.Until(
            () => Task.WhenAll(queues.Mapper.GetAllQueues().Select(queue => StreamTables.LeaseHolder(queues.NameOf(queue)))),
            found => found.All(holder => !string.IsNullOrEmpty(holder)));

        Assert.Equal(8, agents.Sum());
        Assert.Equal(agents.Sum(), holders.Count(holder => !string.IsNullOrEmpty(holder)));    // as many agents as queues read
    }

    private IProbePublisherGrain Publisher() => grains.GetGrain<IProbePublisherGrain>(Guid.NewGuid());

    private IProbeConsumerGrain Consumer(string key) => grains.GetGrain<IProbeConsumerGrain>(key);
}
