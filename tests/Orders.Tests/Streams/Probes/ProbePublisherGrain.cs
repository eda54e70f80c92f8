using Orleans.Streams;
using Orders.Grains.Events;

namespace Orders.Tests.Streams.Probes;

public sealed class ProbePublisherGrain : Grain, IProbePublisherGrain
{
    async Task IProbePublisherGrain.Publish(string streamNamespace, string key, ImmutableArray<ProbeEvent> events)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<ProbeEvent>(StreamId.Create(streamNamespace, key));
        foreach (var probe in events)
            await stream.OnNextAsync(probe);
    }

    async Task IProbePublisherGrain.PublishRouted(DomainEvent domainEvent)
    {
        var streams = this.GetStreamProvider(StreamNames.Provider);
        foreach (var route in EventRoutes.For(domainEvent))
            await streams.GetStream<DomainEvent>(route).OnNextAsync(domainEvent);
    }
}
