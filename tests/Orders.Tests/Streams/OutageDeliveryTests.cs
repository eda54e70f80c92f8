using Orders.Tests.Streams.Probes;

namespace Orders.Tests.Streams;

/// <summary>
/// The pulling agent gives up on no event by time: deliveries that fail because the subscriber
/// cannot be reached (its silo dying, the cluster busy) or the database is away count no attempt,
/// so an outage of any length ends with the event applied, not in the dead letters. Only failures
/// of the event itself, <c>Streams:MaxAttempts</c> of them, bury it (<c>StreamProviderTests</c>).
/// </summary>
public sealed class OutageDeliveryTests
{
    [Fact]
    public async Task An_event_undeliverable_for_far_longer_than_its_attempts_last_is_applied_once_its_subscriber_answers()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Streams:RetryDelay"] = "00:00:00.200",
            ["Streams:MaxAttempts"] = "2",
        });
        var key = Unique.Id("outage");
        // Twelve failed deliveries, 0.2 s apart: six times the attempts an event that fails itself gets.
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, key, new TimeoutException("the subscriber's silo does not answer"), times: 12);

        await cluster.GrainFactory.GetGrain<IProbePublisherGrain>(Guid.NewGuid()).Publish(ProbeConsumerGrain.Namespace, key, [new ProbeEvent("after-the-outage")]);
        var handled = await Eventually.Until(() => cluster.GrainFactory.GetGrain<IProbeConsumerGrain>(key).Handled(), events => events.Length > 0);

        Assert.Equal("after-the-outage", Assert.Single(handled));
        Assert.False(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, key));
        Assert.Empty(await StreamTables.DeadLetterReasons(key));
    }
}
