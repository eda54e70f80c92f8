namespace Orders.Grains.Orders;

/// <summary>
/// Places orders whose id the caller made up for them (the gateway's, for a client that chose
/// none), on the silo that takes the call, without the order's own activation. Any key: every
/// silo keeps its own workers.
/// </summary>
[Alias("orders.IOrderPlacement")]
public interface IOrderPlacement : IGrainWithIntegerKey
{
    /// <summary>
    /// What <see cref="IOrderGrain.Place"/> does for an order nothing was ever stored under;
    /// <paramref name="orderId"/> must be new, made up for this call and never retried.
    /// </summary>
    [Alias("PlaceNew")]
    Task<Result<OrderSnapshot>> PlaceNew(string orderId, PlaceOrder command);
}
