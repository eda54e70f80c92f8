using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;

namespace Orders.Grains.Catalog;

/// <summary>
/// A product's open orders, the ones its updates rename, and what each event changes in them: a
/// placement lists the order under each of its products and its end (cancelled, failed, rejected
/// or delivered) takes it off. The changes are written by the statement that stores the order
/// (<see cref="EventProjections"/>), so the list holds exactly the orders stored as open, with no
/// stream, queue row or consumer call per order.
/// </summary>
public static class ProductLists
{
    public static string OpenOrdersOf(string productId) => $"product/{productId}/open-orders";

    public static IEnumerable<ListChange> ChangesFor(DomainEvent domainEvent) => domainEvent switch
    {
        OrderPlaced placed => Distinct(placed.Lines.Select(line => line.ProductId))
            .Select(productId => new ListChange(OpenOrdersOf(productId), placed.OrderId, placed.OrderId)),
        OrderCancelled cancelled => Removals(cancelled.ProductIds, cancelled.OrderId),
        DeliveryStatusChanged { Status: DeliveryStatus.Delivered } delivered => Removals(delivered.ProductIds, delivered.OrderId),
        _ => [],
    };

    private static IEnumerable<ListChange> Removals(IEnumerable<string> productIds, string orderId) =>
        Distinct(productIds).Select(productId => ListChange.Removal(OpenOrdersOf(productId), orderId));

    private static IEnumerable<string> Distinct(IEnumerable<string> productIds) => productIds.Distinct(StringComparer.Ordinal);
}
