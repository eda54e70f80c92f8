using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Grains.Customers;

/// <summary>
/// A customer's two lists, their orders and their inbox. Each order's own stored state lists it
/// among its customer's (<see cref="IListedState"/>) and keeps the notifications of its own events
/// (<see cref="INotifyingState"/>). Any other producer's notification is an entry of the inbox,
/// written by the statement that stores that producer (<see cref="EventProjections"/>). Either way
/// a customer hears of a change exactly when it is stored: no stream, consumer activation or queue
/// row stands between them. An entry's key is its event's source and sequence number
/// (<see cref="EventHeader.Key"/>), so an event stored or applied again adds nothing.
/// </summary>
public static class CustomerLists
{
    public static string OrdersOf(string customerId) => $"customer/{customerId}/orders";

    public static string InboxOf(string customerId) => $"customer/{customerId}/inbox";

    /// <summary>The notification <paramref name="domainEvent"/> adds to its customer's inbox as a row, if any.</summary>
    public static IEnumerable<ListChange> InboxEntryFor(DomainEvent domainEvent, DateTimeOffset receivedAt)
    {
        if (CustomerOf(domainEvent) is { } customerId && NotificationText.For(domainEvent, receivedAt) is { } notification)
            yield return new ListChange(InboxOf(customerId), domainEvent.Header.Key, notification);
    }

    // An event that names no customer files nothing.
    private static string? CustomerOf(DomainEvent domainEvent) =>
        domainEvent is ICustomerEvent { CustomerId: { Length: > 0 } customerId } ? customerId : null;
}
