namespace Orders.Grains.Payments;

/// <summary>
/// The processor's answer: approved with a reference, declined with a reason, or, to a refund,
/// <see cref="NothingCharged"/>.
/// </summary>
public sealed record ChargeResult(string? Reference, string? DeclineReason)
{
    public static readonly ChargeResult NothingCharged = new(null, null);

    public static ChargeResult Approved(string reference) => new(reference, null);

    public static ChargeResult Declined(string reason) => new(null, reason);
}
