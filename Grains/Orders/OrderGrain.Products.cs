namespace Orders.Grains.Orders;

/// <summary>
/// An open order follows its products' names and its restaurant's name (never their price): it
/// takes them from this silo's product cache, which every product update reaches
/// (<c>ProductUpdatesGrain</c>), whenever it is read and whenever it writes a change, the one that
/// ends it included. So an update costs no call, write or list row per open order, and the
/// stored state catches up at the order's next write.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>
    /// <paramref name="state"/> with its products' newest details from this silo's cache if the
    /// order is open now (<paramref name="state"/> may be the change that ends it).
    /// </summary>
    private async Task<OrderState> WithCurrentProducts(OrderState state)
    {
        if (!State.IsOpen)
            return state;
        try
        {
            foreach (var productId in state.ProductVersions.Keys)
            {
                if (await catalog.Get(productId) is { } product)
                    state = state.WithProduct(product);
            }
        }
        catch (Exception failure)
        {
            LogProductsNotRead(logger, failure, OrderId);
        }
        return state;
    }
}
