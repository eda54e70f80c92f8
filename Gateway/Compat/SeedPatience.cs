using Polly;
using Polly.Retry;

namespace Orders.Gateway.Compat;

/// <summary>
/// The seeds' clients take each step straight after the one before it, while here some steps
/// settle a moment later: a charge slower than the placement's wait is paid after CreateOrder
/// answered, and dispatch hears of an accepted order from its event. A command refused while its
/// order is still on its way there is asked again, for up to about five seconds.
/// </summary>
public static class SeedPatience
{
    private interface IAttempt
    {
        bool NotYet { get; }
    }

    private sealed record Attempt<T>(Result<T> Answer, bool NotYet) : IAttempt where T : class;

    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is IAttempt { NotYet: true }),
            MaxRetryAttempts = 50,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Constant,
        })
        .Build();

    /// <summary>
    /// <paramref name="command"/>'s answer, asked again while it is refused and <paramref name="notYet"/>,
    /// asked before each try, said the order was still on its way. Asked after the refusal instead,
    /// it could find the order arrived in between and have the refusal answered, which one more try
    /// would have turned into the command's success.
    /// </summary>
    public static async Task<Result<T>> Retry<T>(Func<Task<Result<T>>> command, Func<Task<bool>> notYet, CancellationToken cancellationToken)
        where T : class
    {
        var last = await Pipeline.ExecuteAsync(async _ =>
        {
            var onItsWay = await notYet();
            var answer = await command();
            return new Attempt<T>(answer, answer.IsRefused && onItsWay);
        }, cancellationToken);
        return last.Answer;
    }
}
