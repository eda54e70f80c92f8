namespace Orders.Grains.Payments;

/// <summary>How calls to the payment provider are protected (configuration section <c>Payments:Resilience</c>).</summary>
public sealed class PaymentResilienceOptions
{
    public const string Section = "Payments:Resilience";

    /// <summary>One provider call longer than this counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a transient failure within one call, with exponential backoff and jitter.</summary>
    public int Retries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when at least this share of calls in the window failed…</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>…and the window saw at least this many calls.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before it lets one through to test the provider.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
