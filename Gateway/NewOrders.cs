using Orders.Grains.Orders;

namespace Orders.Gateway;

/// <summary>Orders placed under an id the gateway makes up, for clients that name none.</summary>
public static class NewOrders
{
    /// <exception cref="OutcomeUnknownException">An outage left it unknown whether the order was placed.</exception>
    public static Task<Result<OrderSnapshot>> PlaceUnderNewId(this IOrderPlacement placement, PlaceOrder command)
    {
        var orderId = OrderMapping.NewOrderId();
        return OutcomeUnknownException.Around(() => placement.PlaceNew(orderId, command), orderId, static orderId =>
            $"order '{orderId}' may have been placed all the same, which is settled within the placement timeout " +
            "(a minute unless configured): read it then, and place the order again only if it is not found, or it may be placed twice");
    }
}
