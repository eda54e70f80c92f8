namespace Orders.Grains.Payments;

/// <summary>What a protected provider call came to; <see cref="Unavailable"/> means "try again later".</summary>
public sealed record ChargeOutcome(ChargeResult? Result, string? Unavailable)
{
    public static ChargeOutcome Answered(ChargeResult result) => new(result, null);

    public static ChargeOutcome NotNow(string reason) => new(null, reason);
}
