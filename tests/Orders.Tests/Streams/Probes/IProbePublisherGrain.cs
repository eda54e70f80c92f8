using Orders.Grains.Events;

namespace Orders.Tests.Streams.Probes;

/// <summary>Publishes on the events stream provider from inside the cluster.</summary>
[Alias("tests.IProbePublisherGrain")]
public interface IProbePublisherGrain : IGrainWithGuidKey
{
    /// <summary>Publishes each event in turn on the stream (namespace, key), one commit after another.</summary>
    [Alias("Publish")]
    Task Publish(string streamNamespace, string key, ImmutableArray<ProbeEvent> events);

    /// <summary>Publishes a domain event to the streams the routing table names, as a producer's outbox would.</summary>
    [Alias("PublishRouted")]
    Task PublishRouted(DomainEvent domainEvent);
}
