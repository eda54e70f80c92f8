using Orders.Grains.Customers;
using Orders.Grains.Lists;

namespace Orders.Grains.Events;

/// <summary>
/// The projection table: what each event adds to the lists of those it concerns, in this one
/// place, beside the streams it travels on (<see cref="EventRoutes"/>). A consumer whose work is
/// only to keep a list of what events name needs no stream this way, and its list is never behind
/// the producer: a customer's inbox (<see cref="CustomerLists"/>). A producer that keeps its
/// notifications (<see cref="INotifyingState"/>, an order) gets each one in its state as it raises
/// the event (<see cref="Kept"/>); every other producer's events add inbox rows, written with its
/// state: PostgreSQL's storage makes them in the statement that stores it; with any other storage
/// <see cref="EventOutbox{TState}"/> makes them as it publishes. A list of grains that their own
/// states can name needs no entry at all (<see cref="IListedState"/>).
/// </summary>
public static class EventProjections
{
    /// <summary>
    /// The list rows <paramref name="domainEvent"/> adds, raised by a producer whose state is
    /// <paramref name="producer"/>: its customer's inbox entry, unless the producer keeps its
    /// notifications (<see cref="Kept"/> did, as the event was raised).
    /// </summary>
    public static IEnumerable<ListChange> For(DomainEvent domainEvent, DateTimeOffset at, object? producer) =>
        producer is INotifyingState ? [] : CustomerLists.InboxEntryFor(domainEvent, at);

    /// <summary><paramref name="producer"/> keeping the notification <paramref name="raised"/> gives, if it keeps them and there is one.</summary>
    public static TState Kept<TState>(TState producer, DomainEvent raised, DateTimeOffset at) =>
        producer is INotifyingState<TState> notifying && NotificationText.For(raised, at) is { } notification
            ? notifying.Notify(notification)
            : producer;
}
