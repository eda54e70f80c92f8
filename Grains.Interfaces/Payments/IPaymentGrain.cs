namespace Orders.Grains.Payments;

/// <summary>
/// The payment of one order: the placed order asks for the charge, and if it ends after that,
/// for the refund. Key: the order id, which is also the provider's idempotency key.
/// </summary>
[Alias("orders.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<PaymentDetails?> Get();

    /// <summary>
    /// Charges <paramref name="amount"/> once, however often it is asked, and tells the order
    /// (<see cref="Orders.IOrderGrain.PaymentSettled"/>) once the charge is taken or declined: at
    /// once, or after the payment's own retries when the provider could not answer. Asked again
    /// after that, it tells the order again. One-way: the order never waits on the provider.
    /// </summary>
    [OneWay, Alias("Charge")]
    Task Charge(string customerId, Money amount);

    /// <summary>
    /// The order ended after it was placed: gives back whatever was charged to <paramref name="customerId"/> (or voids the key)
    /// once, however often it is asked, and tells the order when that is done. The order asks
    /// when it ends and then on its timer until it has heard, so that a refund never hangs on
    /// one message lost with a silo. The customer and amount matter only to a payment that
    /// stored nothing (its silo died after the provider charged). One-way, like the charge.
    /// </summary>
    [OneWay, Alias("Refund")]
    Task Refund(string customerId, Money amount);
}
