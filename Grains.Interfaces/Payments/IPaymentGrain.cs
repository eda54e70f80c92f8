namespace Orders.Grains.Payments;

/// <summary>
/// The refund of one order that ended after it was placed (the order charges through the provider
/// itself, <c>OrderGrain.Payment.cs</c>). Key: the order id, which is also the provider's
/// idempotency key.
/// </summary>
[Alias("orders.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithStringKey
{
    /// <summary>The refund's record, or null if none was asked for under this order id (the order keeps the charge's, <c>IOrderGrain.Payment</c>).</summary>
    [Alias("Get")]
    Task<PaymentDetails?> Get();

    /// <summary>
    /// The order ended after it was placed: gives back whatever was charged to <paramref name="customerId"/> (or voids the key)
    /// once, however often it is asked, and tells the order when that is done. The order asks
    /// when it ends and then on its timer until it has heard, so that a refund never hangs on
    /// one message lost with a silo. The customer, the amount and the charge's reference (null
    /// if the order never heard it confirmed) say what the refund gives back: the order made the
    /// charge, so the payment has them only from this ask, and a provider answering "nothing was
    /// charged" for a confirmed charge is a fault, tried again, never a settled refund. An empty
    /// <paramref name="customerId"/> gives back a charge the order's customer did not make (an
    /// earlier placement's under the same id) and tells no customer of it. One-way: the order never
    /// waits on the provider.
    /// </summary>
    [OneWay, Alias("Refund")]
    Task Refund(string customerId, Money amount, string? chargeReference);
}
