namespace Orders.Grains.Orders;

public static class OrderStatusRules
{
    /// <summary>Nothing happens to the order any more.</summary>
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Rejected or OrderStatus.Cancelled or OrderStatus.PaymentFailed or OrderStatus.Delivered;

    /// <summary>Placed and not yet ended: its descriptive details follow the catalog.</summary>
    public static bool IsOpen(this OrderStatus status) => status != OrderStatus.Pending && !status.IsTerminal();

    /// <summary>The customer may still cancel: the restaurant has not taken it on.</summary>
    public static bool IsCancellableByCustomer(this OrderStatus status) => status is OrderStatus.Placed or OrderStatus.Paid;

    /// <summary>The restaurant has taken it on and the stock is sold.</summary>
    public static bool IsAccepted(this OrderStatus status) =>
        status is OrderStatus.Accepted or OrderStatus.Ready or OrderStatus.PickedUp or OrderStatus.OutForDelivery or OrderStatus.Delivered;
}
