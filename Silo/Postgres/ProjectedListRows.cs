using Orleans.Serialization;
using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Silo.Postgres;

/// <summary>
/// The grain-list changes a producer's outbox events make (<see cref="EventProjections"/>), each
/// entry serialized as <see cref="PostgresListStore"/> serializes one, a removal with no payload.
/// The grain storage makes them in the statement that stores the producer's state, so they land
/// exactly when its events do.
/// </summary>
public sealed class ProjectedListRows(Serializer serializer, TimeProvider clock)
{
    // Every grain-state write comes here, most with no events: those allocate nothing. The rest
    // carry a few changes each, so they are compared pairwise rather than through a dictionary.
    internal IReadOnlyList<ListRow> For(ImmutableArray<DomainEvent> events)
    {
        if (events.IsEmpty)
            return [];
        var now = clock.GetUtcNow();
        var changes = new List<ListChange>();
        foreach (var domainEvent in events)
            changes.AddRange(EventProjections.For(domainEvent, now));
        var rows = new List<ListRow>(changes.Count);
        for (var index = 0; index < changes.Count; index++)
        {
            if (Stands(changes, index))
                rows.Add(new ListRow(changes[index].List, changes[index].Key, changes[index].Entry is { } entry ? serializer.SerializeToArray(entry) : null));
        }
        return rows;
    }

    /// <summary>
    /// Whether a change is its entry's net change. A write may carry several steps of its grain (a
    /// step taken in memory rides with the next write), so it may carry an entry's addition and
    /// its removal, which one statement cannot make in turn. No projection does so today (the
    /// product's open orders did), but the statement's correctness should not rest on that: each
    /// entry keeps its net change, as applying them one by one would leave it. A removal stands
    /// if it comes last; an addition only as the first since the entry's last removal, since a
    /// later one would find the entry there and change nothing.
    /// </summary>
    private static bool Stands(List<ListChange> changes, int index)
    {
        var change = changes[index];
        for (var later = index + 1; later < changes.Count; later++)
        {
            if (SameEntry(changes[later], change) && (change.Entry is null || changes[later].Entry is null))
                return false;
        }
        if (change.Entry is null)
            return true;
        for (var earlier = index - 1; earlier >= 0; earlier--)
        {
            if (SameEntry(changes[earlier], change))
                return changes[earlier].Entry is null;
        }
        return true;
    }

    private static bool SameEntry(ListChange one, ListChange other) => one.List == other.List && one.Key == other.Key;
}
