using Orders.Grains.Customers;
using Orders.Grains.Lists;

namespace Orders.Grains.Events;

/// <summary>
/// The projection table: the list entries each event adds, in this one place, beside the streams
/// it travels on (<see cref="EventRoutes"/>). They are written with the state of the event's
/// producer: PostgreSQL's storage makes them in the statement that stores it; with any other
/// storage <see cref="EventOutbox{TState}"/> makes them as it publishes. A consumer whose work is
/// only to keep a list of what events name needs no stream this way, and its list is never behind
/// the producer: a customer's inbox (<see cref="CustomerLists"/>). A list of grains that their own
/// states can name needs no entry at all (<see cref="IListedState"/>).
/// </summary>
public static class EventProjections
{
    public static IEnumerable<ListChange> For(DomainEvent domainEvent, DateTimeOffset at) => CustomerLists.InboxEntryFor(domainEvent, at);
}
