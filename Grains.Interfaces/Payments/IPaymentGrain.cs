namespace Orders.Grains.Payments;

/// <summary>
/// The payment of one order: the placed order asks for the charge, its OrderCancelled event (and
/// the ended order, until it hears back) voids or refunds it. Key: the order id, which is also the provider's idempotency key.
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
    /// The order ended after it was placed: gives back whatever was charged (or voids the key)
    /// once, however often it is asked, and tells the order when that is done. OrderCancelled
    /// asks the same; the order asks on its timer too, until it has heard, so that a refund does
    /// not depend on one event's delivery. One-way, like the charge.
    /// </summary>
    [OneWay, Alias("Refund")]
    Task Refund();
}
