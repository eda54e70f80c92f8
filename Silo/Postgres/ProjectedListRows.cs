using Orleans.Serialization;
using Orders.Grains.Events;

namespace Orders.Silo.Postgres;

/// <summary>
/// The grain-list entries a producer's outbox events add (<see cref="EventProjections"/>), each
/// serialized as <see cref="PostgresListStore"/> serializes one. The grain storage adds them in
/// the statement that stores the producer's state, so they land exactly when its events do.
/// </summary>
public sealed class ProjectedListRows(Serializer serializer, TimeProvider clock)
{
    // Every grain-state write comes here, most with no events and an order's projecting nothing
    // (it keeps its notifications): those allocate no list.
    internal IReadOnlyList<ListRow> For(ImmutableArray<DomainEvent> events, object? producer)
    {
        if (events.IsEmpty)
            return [];
        var now = clock.GetUtcNow();
        List<ListRow>? rows = null;
        foreach (var domainEvent in events)
        {
            foreach (var entry in EventProjections.For(domainEvent, now, producer))
                (rows ??= []).Add(new ListRow(entry.List, entry.Key, serializer.SerializeToArray(entry.Entry)));
        }
        return rows ?? [];
    }
}
