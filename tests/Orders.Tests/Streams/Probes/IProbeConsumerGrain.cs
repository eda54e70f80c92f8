namespace Orders.Tests.Streams.Probes;

/// <summary>Records what its probe stream delivers. Key: the stream key.</summary>
[Alias("tests.IProbeConsumerGrain")]
public interface IProbeConsumerGrain : IGrainWithStringKey
{
    /// <summary>The ids of the events handled, in handling order.</summary>
    [Alias("Handled")]
    Task<ImmutableArray<string>> Handled();

    /// <summary>How many times an event was delivered, failed deliveries included.</summary>
    [Alias("Deliveries")]
    Task<int> Deliveries(string eventId);
}
