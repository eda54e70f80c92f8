using Orders.Grains.Customers;
using Orders.Grains.Lists;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Events;

/// <summary>
/// The projection table: the list changes each event makes, in this one place, beside the streams
/// it travels on (<see cref="EventRoutes"/>). They are written with the state of the event's
/// producer: PostgreSQL's storage makes them in the statement that stores it; with any other
/// storage <see cref="EventOutbox{TState}"/> makes them as it publishes. A consumer whose work is
/// only to keep a list of what events name needs no stream this way, and its list is never behind
/// the producer: a customer's orders and inbox (<see cref="CustomerLists"/>) and a restaurant's
/// pending orders (<see cref="RestaurantLists"/>).
/// </summary>
public static class EventProjections
{
    public static IEnumerable<ListChange> For(DomainEvent domainEvent, DateTimeOffset at) =>
        CustomerLists.EntriesFor(domainEvent, at).Concat(RestaurantLists.ChangesFor(domainEvent));
}
