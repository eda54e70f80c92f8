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
        var changes = events.SelectMany(domainEvent => EventProjections.For(domainEvent, now)).ToList();
        // A write may carry several steps of its grain (a step taken in memory rides with the
        // next write), so it may carry an entry's addition and its removal, which one statement
        // cannot make in turn. No projection does so today (the product's open orders did), but
        // the statement's correctness should not rest on that: each entry keeps its net change,
        // as applying them one by one would leave it. A removal stands if it comes last; an
        // addition only as the first since the entry's last removal, since a later one would find
        // the entry there and change nothing.
        var standing = new Dictionary<(string List, string Key), int>();
        for (var index = 0; index < changes.Count; index++)
        {
            var entry = (changes[index].List, changes[index].Key);
            if (changes[index].Entry is null || !standing.TryGetValue(entry, out var earlier) || changes[earlier].Entry is null)
                standing[entry] = index;
        }
        return [.. standing.Values.Order().Select(index => changes[index])
            .Select(change => new ListRow(change.List, change.Key, change.Entry is { } entry ? serializer.SerializeToArray(entry) : null))];
    }
}
