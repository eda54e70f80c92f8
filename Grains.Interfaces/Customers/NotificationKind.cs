namespace Orders.Grains.Customers;

public enum NotificationKind
{
    OrderPlaced = 1,
    OrderCancelled = 2,
    OrderPaid = 3,
    PaymentFailed = 4,
    OrderAccepted = 5,
    OrderReady = 6,
    DriverAssigned = 7,
    PickedUp = 8,
    OutForDelivery = 9,
    Delivered = 10,
    Refunded = 11,
    /// <summary>The driver dispatch gave the order does not deliver it after all.</summary>
    DriverReleased = 12,
}
