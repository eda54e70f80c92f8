using Orleans.Streams;

namespace Orders.Tests.Streams.Probes;

[ImplicitStreamSubscription(Namespace)]
public sealed class ProbeConsumerGrain : Grain, IProbeConsumerGrain
{
    public const string Namespace = "probe";

    private readonly List<string> handled = [];
    private readonly Dictionary<string, int> deliveries = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        this.GetStreamProvider(StreamNames.Provider)
            .GetStream<ProbeEvent>(StreamId.Create(Namespace, this.GetPrimaryKeyString()))
            .SubscribeAsync((probe, _) => Handle(probe));

    Task<ImmutableArray<string>> IProbeConsumerGrain.Handled() => Task.FromResult(handled.ToImmutableArray());

    Task<int> IProbeConsumerGrain.Deliveries(string eventId) => Task.FromResult(deliveries.GetValueOrDefault(eventId));

    private Task Handle(ProbeEvent probe)
    {
        var delivery = deliveries[probe.Id] = deliveries.GetValueOrDefault(probe.Id) + 1;
        if (delivery <= probe.Failures)
            throw new InvalidOperationException($"probe {probe.Id} fails delivery {delivery}");

        handled.Add(probe.Id);
        return Task.CompletedTask;
    }
}
