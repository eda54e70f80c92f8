using Orders.Tests.Streams.Probes;

namespace Orders.Tests.Streams;

/// <summary>
/// An event its subscriber keeps failing holds back its own stream until it is buried, and only
/// that stream: the pulling agent's cache keeps every event read since the failing one, and once
/// the cache is full the agent stops reading the whole partition until then.
/// </summary>
public sealed class FailingEventTests
{
    [Fact]
    public async Task The_other_streams_of_its_partition_flow_past_an_event_that_keeps_failing()
    {
        // One partition, and the default attempts (about 100 s): every stream shares the failing one's queue.
        await using var cluster = await OrdersCluster.StartAsync(serviceId: Unique.Id("one-partition"), settings: new Dictionary<string, string?>
        {
            ["Streams:Partitions"] = "1",
            ["Streams:RetryDelay"] = "00:00:05",
            ["Streams:MaxAttempts"] = "20",
        });
        IProbePublisherGrain Publisher() => cluster.GrainFactory.GetGrain<IProbePublisherGrain>(Guid.NewGuid());
        var poisoned = Unique.Id("poison");
        await Publisher().Publish(ProbeConsumerGrain.Namespace, poisoned, [new ProbeEvent("poison", Failures: int.MaxValue)]);

        // More events than Orleans' default cache holds (4,096), on other streams of the queue.
        var keys = Enumerable.Range(0, 50).Select(_ => Unique.Id("flowing")).ToList();
        var events = Enumerable.Range(0, 100).Select(index => new ProbeEvent($"e{index}")).ToImmutableArray();
        await Task.WhenAll(keys.Select(key => Publisher().Publish(ProbeConsumerGrain.Namespace, key, events)));

        // Well inside the poisoned event's attempts: they do not wait for them to end.
        await Eventually.Until(
            async () => (await Task.WhenAll(keys.Select(key => cluster.GrainFactory.GetGrain<IProbeConsumerGrain>(key).Handled()))).Sum(handled => handled.Length),
            handled => handled == keys.Count * events.Length,
            TimeSpan.FromSeconds(60));
        // The failing event was under way meanwhile, its cursor in the cache: delivered, and failed.
        Assert.True(await cluster.GrainFactory.GetGrain<IProbeConsumerGrain>(poisoned).Deliveries("poison") >= 1);
        Assert.Empty(await StreamTables.DeadLetterReasons(poisoned));
    }
}
