namespace Orders.Grains.Payments;

/// <summary>The processor's answer to a charge: approved with a reference, or declined with a reason.</summary>
public sealed record ChargeResult(string? Reference, string? DeclineReason)
{
    public static ChargeResult Approved(string reference) => new(reference, null);

    public static ChargeResult Declined(string reason) => new(null, reason);
}
