namespace Orders.Grains.Events;

/// <summary>
/// What every event carries. <see cref="Source"/> and <see cref="Sequence"/> identify it for
/// deduplication: a source numbers its events 1, 2, 3… and publishes them in that order.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.EventHeader")]
public sealed record EventHeader(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string Source,
    [property: Id(2)] long Sequence,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? TraceParent)
{
    /// <summary>The event's identity as a list entry's key (<c>order:o-17#3</c>): the same event delivered again adds nothing.</summary>
    public string Key => $"{Source}#{Sequence}";
}
