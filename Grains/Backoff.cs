using Polly;
using Polly.Retry;

namespace Orders.Grains;

/// <summary>Work tried again after a failure that may pass: a second later, less often after (half a minute apart at most), until patience runs out.</summary>
public static class Backoff
{
    /// <param name="patience">How long the tries may go on in all; past it the last one is cancelled.</param>
    /// <param name="passing">The failures worth another try; any other ends the work.</param>
    /// <param name="onRetry">Told of each failure that is tried again.</param>
    public static ResiliencePipeline Until(TimeSpan patience, Func<Exception, bool> passing, Func<OnRetryArguments<object>, ValueTask>? onRetry = null) =>
        new ResiliencePipelineBuilder()
            .AddTimeout(patience)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(passing),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = onRetry,
            })
            .Build();
}
