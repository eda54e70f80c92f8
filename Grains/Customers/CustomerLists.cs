using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Grains.Customers;

/// <summary>
/// A customer's two lists, their orders and their inbox, and what each event adds to them. The
/// entries are written by the statement that stores the event's producer (<see cref="EventProjections"/>),
/// so a customer hears of a change exactly when it is stored: no stream, consumer activation or
/// queue row stands between them. An entry's key is its order's id, or its event's source and
/// sequence number (<see cref="EventHeader.Key"/>), so an event stored or applied again adds nothing.
/// </summary>
public static class CustomerLists
{
    public static string OrdersOf(string customerId) => $"customer/{customerId}/orders";

    public static string InboxOf(string customerId) => $"customer/{customerId}/inbox";

    /// <summary>
    /// What <paramref name="domainEvent"/> adds to its customer's lists: a notification, and the
    /// order among theirs once it is received. Placements and ends list it too: an earlier version
    /// listed an order by a call beside its reservation, which may not have landed, and queued
    /// those events on the customer stream.
    /// </summary>
    public static IEnumerable<ListChange> EntriesFor(DomainEvent domainEvent, DateTimeOffset receivedAt)
    {
        // A refund an earlier version stored may name no customer (before 2026-12-03).
        if (domainEvent is not ICustomerEvent { CustomerId: { Length: > 0 } customerId })
            yield break;
        if (OrderListedBy(domainEvent) is { } orderId)
            yield return new ListChange(OrdersOf(customerId), orderId, orderId);
        if (NotificationText.For(domainEvent, receivedAt) is { } notification)
            yield return new ListChange(InboxOf(customerId), domainEvent.Header.Key, notification);
    }

    private static string? OrderListedBy(DomainEvent domainEvent) => domainEvent switch
    {
        OrderReceived received => received.OrderId,
        OrderPlaced placed => placed.OrderId,
        OrderCancelled cancelled => cancelled.OrderId,
        _ => null,
    };
}
