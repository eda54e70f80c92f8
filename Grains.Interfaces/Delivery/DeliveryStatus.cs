namespace Orders.Grains.Delivery;

/// <summary>An assignment's progress, from the driver's side.</summary>
public enum DeliveryStatus
{
    Assigned = 1,
    PickedUp = 2,
    OutForDelivery = 3,
    Delivered = 4,
    /// <summary>The order was cancelled after the driver got it; the driver is free again.</summary>
    Cancelled = 5,
}
