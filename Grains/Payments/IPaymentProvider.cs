namespace Orders.Grains.Payments;

/// <summary>
/// A card processor. Both calls are idempotent under <c>idempotencyKey</c> (the order id): asking
/// twice charges or refunds once, and a charge under a key first used for another customer or
/// amount is answered <see cref="ChargeResult.KeyTaken"/>. A processor that cannot answer now throws
/// <see cref="PaymentProviderUnavailableException"/>; a "no" is a <see cref="ChargeResult"/>.
/// </summary>
public interface IPaymentProvider
{
    Task<ChargeResult> Charge(string idempotencyKey, string customerId, Money amount, CancellationToken cancellationToken);

    /// <summary>
    /// Refunds the charge made under the key and answers with the refund's reference; with no
    /// charge under the key it voids the key instead and answers null, and a charge asked for
    /// under it later (a request that was still on its way) is declined.
    /// </summary>
    Task<string?> Refund(string idempotencyKey, CancellationToken cancellationToken);
}
