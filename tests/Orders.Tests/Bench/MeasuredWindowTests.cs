using Orders.Bench;
using Orders.Bench.Load;
using Orders.Bench.Scenarios;

namespace Orders.Tests.Bench;

/// <summary>
/// What the load generator counts: the calls that ended inside the measured window, each with its
/// outcome and its latency, and a failed call as a failure, never as throughput.
/// </summary>
public sealed class MeasuredWindowTests
{
    private static readonly BenchOptions Options = new() { Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1), Concurrency = 4 };

    [Fact]
    public async Task A_call_is_counted_with_its_latency_and_throughput_is_the_calls_answered_a_second()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);     // never called: the scenario answers itself

        var result = await LoadRunner.Run(new Answering(TimeSpan.FromMilliseconds(300)), api, Options, (_, _) => { });

        Assert.InRange(result.Ok, 1, 16);           // four workers of 300 ms calls over one second
        Assert.Equal(result.Ok, result.Latency.TotalCount);
        Assert.Equal(result.Ok / result.Elapsed.TotalSeconds, result.Throughput, 6);
    }

    [Fact]
    public async Task A_call_in_flight_when_the_window_closes_is_counted_neither_in_the_calls_nor_in_the_latency()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);

        var result = await LoadRunner.Run(new AnsweringOnceClosed(), api, Options, (_, _) => { });

        Assert.Equal((0, 0), (result.Ok, result.Latency.TotalCount));
    }

    [Fact]
    public async Task Failed_calls_are_no_throughput_and_fail_the_run()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);

        var result = await LoadRunner.Run(new Failing(), api, Options, (_, _) => { });

        Assert.True(result.Failed > 0);
        Assert.Equal(0, result.Throughput);
        var check = Check.NoneFailed(result);
        Assert.False(check.Holds);
        Assert.Contains($"{result.Failed} failed: InvalidOperationException", check.Detail, StringComparison.Ordinal);
    }

    private sealed class Answering(TimeSpan after) : IScenario
    {
        public string Name => "answering";

        public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

        public async Task<Outcome> Call(Api api, Random random)
        {
            await Task.Delay(after);
            return Outcome.Ok;
        }

        public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
    }

    /// <summary>Every call stays on its way until the measured window has closed.</summary>
    private sealed class AnsweringOnceClosed : IScenario
    {
        private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "answering once closed";

        public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

        public void MeasuredWindowClosed() => closed.TrySetResult();

        public async Task<Outcome> Call(Api api, Random random)
        {
            await closed.Task;
            return Outcome.Ok;
        }

        public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
    }

    private sealed class Failing : IScenario
    {
        public string Name => "failing";

        public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

        public async Task<Outcome> Call(Api api, Random random)
        {
            await Task.Yield();
            throw new InvalidOperationException("the system failed the call");
        }

        public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
    }
}
