namespace Orders.Grains.Payments;

/// <summary>How calls to the payment provider are protected (configuration section <c>Payments:Resilience</c>).</summary>
public sealed class PaymentResilienceOptions : ICheckedOptions
{
    public const string Section = "Payments:Resilience";

    /// <summary>One provider call longer than this counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a transient failure within one call, with exponential backoff and jitter.</summary>
    public int Retries { get; set; } = 3;

    private const int MaxRetries = 10;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when at least this share of calls in the window failed…</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>…and the window saw at least this many calls.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before it lets one through to test the provider.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <remarks>Polly's own ranges for these (it checks them only when the first order builds the pipeline).</remarks>
    public IEnumerable<string> Problems(string section)
    {
        var halfASecond = TimeSpan.FromMilliseconds(500);
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromDays(1))
            yield return $"{section}:{nameof(AttemptTimeout)} must be between 10 ms and a day (it is {AttemptTimeout})";
        // Each retry doubles the wait before the next, and a cancelled order's refund waits for its charge's retries.
        if (Retries is < 0 or > MaxRetries)
            yield return $"{section}:{nameof(Retries)} must be between 0 and {MaxRetries} (it is {Retries})";
        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromDays(1))
            yield return $"{section}:{nameof(RetryDelay)} must be between zero and a day (it is {RetryDelay})";
        if (FailureRatio is <= 0 or > 1)
            yield return $"{section}:{nameof(FailureRatio)} is a share of the calls, above 0 and at most 1 (it is {FailureRatio})";
        foreach (var problem in CheckedOptions.AtLeast(section, 2, (nameof(MinimumThroughput), MinimumThroughput)))
            yield return problem;
        foreach (var (key, value) in new[] { (nameof(SamplingDuration), SamplingDuration), (nameof(BreakDuration), BreakDuration) })
        {
            if (value < halfASecond || value > TimeSpan.FromDays(1))
                yield return $"{section}:{key} must be between half a second and a day (it is {value})";
        }
    }
}
