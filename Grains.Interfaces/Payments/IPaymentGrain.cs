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
    /// Charges <paramref name="amount"/> once, however often it is asked, and answers with the
    /// payment as it then stands: charged or declined when the provider answered, still charging
    /// when it could not (the payment then tries again on its own and tells the order with
    /// PaymentSucceeded or PaymentFailed), voided when the order's cancellation came first.
    /// </summary>
    [Alias("Charge")]
    Task<PaymentDetails> Charge(string customerId, Money amount);
}
