namespace Orders.Grains.Payments;

/// <summary>
/// The payment of one order, driven by the order's events: OrderPlaced charges, OrderCancelled
/// voids or refunds. Key: the order id, which is also the provider's idempotency key.
/// </summary>
[Alias("orders.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<PaymentDetails?> Get();
}
