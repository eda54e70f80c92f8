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

    /// <summary>
    /// Applies a source's last event for this consumer and forgets the source, so consumers that
    /// hear from every order keep marks only for orders still under way. Safe only when nothing
    /// but repeats of this event can follow from the source and applying it again changes
    /// nothing: a producer republishes an event only before it publishes later ones, and a
    /// stream holds later rows back while an earlier one is out, so no older event comes after.
    /// </summary>
    public AppliedEvents Finish(EventHeader header) =>
        this with { LastBySource = LastBySource.Remove(header.Source) };
}
