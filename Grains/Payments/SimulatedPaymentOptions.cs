namespace Orders.Grains.Payments;

/// <summary>
/// The simulated provider's deterministic rules (configuration section <c>Payments:Simulator</c>),
/// so demos and tests can steer every payment path by the order they place.
/// </summary>
public sealed class SimulatedPaymentOptions : ICheckedOptions
{
    public const string Section = "Payments:Simulator";

    /// <summary>Charges above this many minor units are declined ("amount over limit").</summary>
    public long DeclineAboveMinorUnits { get; set; } = 1_000_000;

    /// <summary>Customers whose id starts with this are declined ("card declined").</summary>
    public string DeclinedCustomerPrefix { get; set; } = "declined-";

    /// <summary>Customers whose id starts with this meet <see cref="FlakyFailures"/> transient failures per charge first.</summary>
    public string FlakyCustomerPrefix { get; set; } = "flaky-";

    public int FlakyFailures { get; set; } = 2;

    /// <summary>
    /// Customers whose id starts with this are charged (or declined), but every answer to a charge
    /// is lost on its way back, as if the provider timed out after deciding.
    /// </summary>
    public string LostAnswerCustomerPrefix { get; set; } = "lost-";

    /// <summary>Customers whose id starts with this wait <see cref="SlowLatency"/> for every answer (a slow bank).</summary>
    public string SlowCustomerPrefix { get; set; } = "slow-";

    public TimeSpan SlowLatency { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long every provider call takes.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <remarks>A negative wait would fail every charge, or at minus a millisecond hang it for good.</remarks>
    public IEnumerable<string> Problems(string section)
    {
        foreach (var (key, value) in new[] { (nameof(Latency), Latency), (nameof(SlowLatency), SlowLatency) })
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromDays(1))
                yield return $"{section}:{key} must be between zero and a day (it is {value})";
        }
        foreach (var problem in CheckedOptions.AtLeast(section, 0, (nameof(FlakyFailures), FlakyFailures)))
            yield return problem;
        if (DeclineAboveMinorUnits < 0)
            yield return $"{section}:{nameof(DeclineAboveMinorUnits)} must not be negative (it is {DeclineAboveMinorUnits})";
    }
}
