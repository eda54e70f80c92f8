namespace Orders.Grains.Events;

/// <summary>
/// What a consumer has applied: the highest sequence number seen from each source. A source
/// publishes in sequence order and the stream provider keeps each stream's order, so anything at
/// or below that mark is a redelivery. Stored in the same write as the effect it guards.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.AppliedEvents")]
public sealed record AppliedEvents
{
    [Id(0)] public ImmutableDictionary<string, long> LastBySource { get; init; } = ImmutableDictionary<string, long>.Empty;

    public bool Contains(EventHeader header) =>
        LastBySource.TryGetValue(header.Source, out var last) && header.Sequence <= last;

    public AppliedEvents Add(EventHeader header) =>
        this with { LastBySource = LastBySource.SetItem(header.Source, header.Sequence) };
}
