using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Orders;

namespace Orders.Grains.Customers;

/// <summary>What a customer is told about each event that reaches their inbox.</summary>
internal static class NotificationText
{
    public static Notification? For(DomainEvent domainEvent, DateTimeOffset receivedAt) => domainEvent switch
    {
        OrderPlaced placed => Note(placed, receivedAt, placed.OrderId, NotificationKind.OrderPlaced,
            $"Order {placed.OrderId} is placed: {placed.Lines.Sum(line => line.Quantity)} item(s), {placed.Total}."),
        OrderPaid paid => Note(paid, receivedAt, paid.OrderId, NotificationKind.OrderPaid,
            $"Payment of {paid.Total} for order {paid.OrderId} went through."),
        OrderAccepted accepted => Note(accepted, receivedAt, accepted.OrderId, NotificationKind.OrderAccepted,
            $"The restaurant accepted order {accepted.OrderId} and is preparing it."),
        OrderReady ready => Note(ready, receivedAt, ready.OrderId, NotificationKind.OrderReady,
            $"Order {ready.OrderId} is ready for pickup."),
        DeliveryStatusChanged changed => Delivery(changed, receivedAt),
        OrderCancelled { Outcome: OrderStatus.PaymentFailed } failed => Note(failed, receivedAt, failed.OrderId, NotificationKind.PaymentFailed,
            $"Order {failed.OrderId} could not be paid: {failed.Reason}."),
        OrderCancelled cancelled => Note(cancelled, receivedAt, cancelled.OrderId, NotificationKind.OrderCancelled,
            $"Order {cancelled.OrderId} is cancelled: {cancelled.Reason}."),
        PaymentRefunded refunded => Note(refunded, receivedAt, refunded.OrderId, NotificationKind.Refunded,
            $"{refunded.Amount} for order {refunded.OrderId} is refunded."),
        _ => null,
    };

    private static Notification? Delivery(DeliveryStatusChanged changed, DateTimeOffset receivedAt) => changed.Status switch
    {
        DeliveryStatus.Assigned => Note(changed, receivedAt, changed.OrderId, NotificationKind.DriverAssigned,
            $"Driver {changed.DriverId} will deliver order {changed.OrderId}."),
        DeliveryStatus.PickedUp => Note(changed, receivedAt, changed.OrderId, NotificationKind.PickedUp,
            $"Order {changed.OrderId} is picked up."),
        DeliveryStatus.OutForDelivery => Note(changed, receivedAt, changed.OrderId, NotificationKind.OutForDelivery,
            $"Order {changed.OrderId} is on its way."),
        DeliveryStatus.Delivered => Note(changed, receivedAt, changed.OrderId, NotificationKind.Delivered,
            $"Order {changed.OrderId} is delivered. Enjoy!"),
        // Dispatch stores an assignment, and its notification, before the order can say it ended
        // meanwhile; this one takes the earlier back.
        DeliveryStatus.Cancelled => Note(changed, receivedAt, changed.OrderId, NotificationKind.DriverReleased,
            $"Driver {changed.DriverId} no longer delivers order {changed.OrderId}."),
        _ => null,
    };

    private static Notification Note(DomainEvent cause, DateTimeOffset receivedAt, string orderId, NotificationKind kind, string message) =>
        new(cause.Header.EventId, orderId, kind, message, cause.Header.At, receivedAt);
}
