using Orders.Grains.Orders;

namespace Orders.Gateway;

/// <summary>Orders placed under an id the gateway makes up, for clients that name none.</summary>
public static class NewOrders
{
    /// <exception cref="UnsettledPlacementException">An outage left it unknown whether the order was placed.</exception>
    public static async Task<Result<OrderSnapshot>> PlaceUnderNewId(this IOrderPlacement placement, PlaceOrder command)
    {
        var orderId = OrderMapping.NewOrderId();
        try
        {
            return await placement.PlaceNew(orderId, command);
        }
        catch (Exception outage) when (Outages.Is(outage))
        {
            throw new UnsettledPlacementException(orderId, outage);
        }
    }
}
