using System.Diagnostics;

namespace Orders.Grains.Events;

/// <summary>
/// Events a grain has raised and not yet seen queued. It lives inside the grain's state, so an
/// event is stored in the same write as the change that caused it: PostgreSQL's storage queues
/// it in that write (<see cref="OutboxStorage"/>); with any other storage it stays in the stored
/// state until published, and cannot be lost between that write and its publication.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.Outbox")]
public sealed record Outbox
{
    /// <summary>The sequence number of the last event this source recorded.</summary>
    [Id(0)] public long LastSequence { get; init; }

    [Id(1)] public ImmutableArray<DomainEvent> Pending { get; init; } = [];

    public Outbox Add(string source, DateTimeOffset at, Func<EventHeader, DomainEvent> create)
    {
        var header = new EventHeader(Guid.NewGuid(), source, LastSequence + 1, at, Activity.Current?.Id);
        return this with { LastSequence = header.Sequence, Pending = Pending.Add(create(header)) };
    }

    /// <summary>Drops the events up to <paramref name="sequence"/>, which are known to be published.</summary>
    public Outbox PublishedThrough(long sequence) =>
        Pending.IsEmpty || Pending[0].Header.Sequence > sequence
            ? this
            : this with { Pending = Pending.RemoveAll(pending => pending.Header.Sequence <= sequence) };
}
