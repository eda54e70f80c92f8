namespace Orders.Grains.Orders;

/// <summary>
/// An order whose id its caller made up for its placement (the gateway's <c>order_&lt;guid&gt;</c>
/// for a client that chose none, which <see cref="OrderPlacement"/> hands to the order's grain
/// when it is not the usual path) cannot have been stored before: <see cref="PlaceNew"/> vouches
/// for that in the call's request context, which Orleans imports into the activation the call
/// brings about before the grain's lifecycle reads its state, so storage need not ask the
/// database (<see cref="IsVouched"/>). The order forgets the vouch as it activates and as its
/// placement begins (<see cref="Forget"/>), so nothing it calls carries it on and every later
/// activation reads. The guarantee is the id's: a vouch for an id that was stored would place
/// an order over a state never read; the order stops if its stock already holds for it, and its
/// first write, an insert, fails over the stored row, but holds or a charge taken on the way
/// wait for their claims and the provider's key as a lost placement's do.
/// </summary>
public static class NeverStored
{
    private const string Key = "orders.never-stored";

    /// <summary>Places <paramref name="order"/>, whose id the caller made up for this call, without its state read.</summary>
    public static async Task<Result<OrderSnapshot>> PlaceNew(this IOrderGrain order, PlaceOrder command)
    {
        // The request context is async-local: set in this method, it reaches the message the
        // call sends, and is gone again for the caller once this returns.
        RequestContext.Set(Key, order.GetGrainId().ToString());
        return await order.Place(command);
    }

    /// <summary>The grain (its id as text) the current call vouches was never stored, if any.</summary>
    public static string? Vouched => RequestContext.Get(Key) as string;

    /// <summary>Whether the current call vouches that <paramref name="grain"/> was never stored.</summary>
    public static bool IsVouched(GrainId grain) => Vouched is { } vouched && vouched == grain.ToString();

    /// <summary>Drops the vouch from the current call, before it reaches anything the order calls.</summary>
    public static void Forget() => RequestContext.Remove(Key);
}
