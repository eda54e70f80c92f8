using Orders.Grains.Delivery;
using Orders.Grains.Orders;

namespace Orders.Grains.Events;

/// <summary>
/// The routing table: every stream each event is published to, in this one place. A stream's
/// namespace names the consumer grain type and its key is the consumer's key. What an event only
/// tells a customer travels on no stream: its producer keeps the notification, or files it in the
/// customer's inbox (<see cref="EventProjections"/>).
/// </summary>
public static class EventRoutes
{
    public static IEnumerable<StreamId> For(DomainEvent domainEvent) => domainEvent switch
    {
        // Told to the customer only (EventProjections).
        OrderPlaced or OrderPaid or OrderReady or PaymentRefunded => [],
        OrderAccepted accepted => [Stream(StreamNames.Restaurant, accepted.RestaurantId), Stream(StreamNames.Dispatch, accepted.Zone)],
        DeliveryStatusChanged changed => Delivery(changed),
        OrderCancelled cancelled => Cancellation(cancelled),
        ProductUpdated updated => [Stream(StreamNames.ProductUpdates, updated.Product.ProductId)],
        ProductListingChanged changed => [Stream(StreamNames.Product, changed.ProductId)],
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "no route for this event"),
    };

    private static IEnumerable<StreamId> Delivery(DeliveryStatusChanged changed) => changed.Status switch
    {
        DeliveryStatus.Assigned =>
            [Stream(StreamNames.Order, changed.OrderId), Stream(StreamNames.Driver, changed.DriverId)],
        DeliveryStatus.Delivered => [Stream(StreamNames.Driver, changed.DriverId), Stream(StreamNames.Dispatch, changed.Zone)],
        _ => [Stream(StreamNames.Driver, changed.DriverId)],
    };

    /// <summary>
    /// Only those holding the order hear of its end: the kitchen and dispatch once it was accepted
    /// (a paid order leaves its restaurant's pending orders with its own row,
    /// <c>OrderState.WaitingIn</c>). The payment is asked for the refund by the order itself
    /// (<c>IPaymentGrain.Refund</c>).
    /// </summary>
    private static IEnumerable<StreamId> Cancellation(OrderCancelled cancelled)
    {
        if (cancelled.LeftStatus.IsAccepted())
        {
            yield return Stream(StreamNames.Restaurant, cancelled.RestaurantId);
            yield return Stream(StreamNames.Dispatch, cancelled.Zone);
        }
    }

    private static StreamId Stream(string streamNamespace, string key) => StreamId.Create(streamNamespace, key);
}
