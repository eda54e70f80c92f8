namespace Orders.Grains.Payments;

/// <summary>
/// The payment of one order: the placed order asks for the charge, its OrderCancelled event voids
/// or refunds it. Key: the order id, which is also the provider's idempotency key.
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
}
