using Orleans.Serialization;
using Orders.Grains.Events;

namespace Orders.Silo.Postgres;

/// <summary>
/// The grain-list changes a producer's outbox events make (<see cref="EventProjections"/>), each
/// entry serialized as <see cref="PostgresListStore"/> serializes one, a removal with no payload.
/// The grain storage makes them in the statement that stores the producer's state, so they land
/// exactly when its events do.
/// </summary>
public sealed class ProjectedListRows(Serializer serializer, TimeProvider clock)
{
    // Every grain-state write comes here, most with no events: those allocate nothing.
    internal IReadOnlyList<ListRow> For(ImmutableArray<DomainEvent> events)
    {
        if (events.IsEmpty)
            return [];
        var now = clock.GetUtcNow();
        return [.. events.SelectMany(domainEvent => EventProjections.For(domainEvent, now))
            .Select(change => new ListRow(change.List, change.Key, change.Entry is { } entry ? serializer.SerializeToArray(entry) : null))];
    }
}
