namespace Orders.Grains.Payments;

/// <summary>
/// The processor's answer: approved with a reference, declined with a reason, or, to a refund,
/// <see cref="NothingCharged"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.ChargeResult")]
public sealed record ChargeResult([property: Id(0)] string? Reference, [property: Id(1)] string? DeclineReason)
{
    public const string KeyTakenReason = "the order's payment key was first used for another customer or amount";

    public static readonly ChargeResult NothingCharged = new(null, null);

    /// <summary>
    /// The answer to a charge under a key first used for another customer or amount (processors
    /// refuse a reused idempotency key whose parameters differ): nothing is charged, and what the
    /// first call did stands, to be refunded under the key like any charge.
    /// </summary>
    public static readonly ChargeResult KeyTaken = Declined(KeyTakenReason);

    public static ChargeResult Approved(string reference) => new(reference, null);

    public static ChargeResult Declined(string reason) => new(null, reason);
}
