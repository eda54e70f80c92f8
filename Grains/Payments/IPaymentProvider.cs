namespace Orders.Grains.Payments;

/// <summary>
/// A card processor. Both calls are idempotent under <c>idempotencyKey</c> (the order id): asking
/// twice charges or refunds once. A processor that cannot answer now throws
/// <see cref="PaymentProviderUnavailableException"/>; a "no" is a <see cref="ChargeResult"/>.
/// </summary>
public interface IPaymentProvider
{
    Task<ChargeResult> Charge(string idempotencyKey, string customerId, Money amount, CancellationToken cancellationToken);

    /// <summary>Refunds the charge made under the key and answers with the refund's reference.</summary>
    Task<string> Refund(string idempotencyKey, CancellationToken cancellationToken);
}
