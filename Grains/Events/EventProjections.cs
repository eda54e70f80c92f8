using Orders.Grains.Customers;
using Orders.Grains.Lists;

namespace Orders.Grains.Events;

/// <summary>
/// The projection table: the list entries each event adds, in this one place, beside the streams
/// it travels on (<see cref="EventRoutes"/>). They are written with the state of the event's
/// producer: PostgreSQL's storage adds them in the statement that stores it; with any other
/// storage <see cref="EventOutbox{TState}"/> adds them as it publishes. A consumer whose work is only to
/// file an event in a list needs no stream this way, and its lists are never behind the producer.
/// </summary>
public static class EventProjections
{
    public static IEnumerable<ListEntry> For(DomainEvent domainEvent, DateTimeOffset at) => CustomerLists.EntriesFor(domainEvent, at);
}
