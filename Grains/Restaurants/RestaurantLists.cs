using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;

namespace Orders.Grains.Restaurants;

/// <summary>
/// A restaurant's pending orders, the paid ones waiting for its answer, and what each event
/// changes in them: a payment that awaits the answer lists the order, and its acceptance or end
/// takes it off. The changes are written by the statement that stores the order
/// (<see cref="EventProjections"/>), so the restaurant sees an order pending exactly while the
/// order is stored as paid, with no stream, queue row or call per order.
/// </summary>
public static class RestaurantLists
{
    public static string PendingOf(string restaurantId) => $"restaurant/{restaurantId}/pending";

    public static IEnumerable<ListChange> ChangesFor(DomainEvent domainEvent) => domainEvent switch
    {
        OrderPaid { AwaitsAnswer: true } paid => [new ListChange(PendingOf(paid.RestaurantId), paid.OrderId, paid.OrderId)],
        OrderAccepted accepted => [ListChange.Removal(PendingOf(accepted.RestaurantId), accepted.OrderId)],
        OrderCancelled { LeftStatus: OrderStatus.Paid } cancelled => [ListChange.Removal(PendingOf(cancelled.RestaurantId), cancelled.OrderId)],
        _ => [],
    };
}
