using HdrHistogram;
using Orders.Bench;
using Orders.Bench.Load;
using Orders.Bench.Scenarios;

namespace Orders.Tests.Bench;

/// <summary>
/// What the load generator counts: the calls that started (in the open loop, were due) inside the
/// measured window, each with its outcome and its latency however late it ends, and a failed or
/// unanswered call as a failure, never as throughput.
/// </summary>
public sealed class MeasuredWindowTests
{
    private const int Workers = 4;
    private static readonly BenchOptions Options = new() { Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1), Concurrency = Workers };

    [Fact]
    public async Task A_call_is_counted_with_its_latency_and_throughput_is_the_calls_answered_a_second()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);     // never called: the scenario answers itself

        var result = await LoadRunner.Run(new Answering(TimeSpan.FromMilliseconds(300)), api, Options, (_, _) => { });

        Assert.InRange(result.Ok, 1, 20);           // four workers of 300 ms calls over one second, and those in flight as it closed
        Assert.Equal(result.Ok, result.Latency.TotalCount);
        Assert.Equal(result.Ok / result.Elapsed.TotalSeconds, result.Throughput, 6);
    }

    [Fact]
    public async Task Calls_started_in_the_warm_up_are_not_counted_and_those_in_flight_as_the_window_closes_are()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);
        var scenario = new HeldUntilTheWindowOpens();

        var result = await LoadRunner.Run(scenario, api, Options with { Warmup = TimeSpan.FromMilliseconds(200) }, (_, _) => { }, scenario.Window);

        // The calls started in the warm-up were answered inside the window, and not counted.
        Assert.True(scenario.StartedBeforeOpen > 0);
        Assert.Equal(result.OkIncludingWarmup - scenario.StartedBeforeOpen, result.Ok);
        // Those still on their way as the window closed were awaited and counted, after its last second.
        Assert.True(scenario.AnsweredAfterClose > 0);
        Assert.True(result.Ok - result.Timeline.Sum(second => second.Ok) >= scenario.AnsweredAfterClose);
        Assert.Equal(result.Ok, result.Latency.TotalCount);
    }

    [Fact]
    public async Task A_call_still_unanswered_once_the_window_closed_and_the_wait_ran_out_fails_the_run()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);
        var scenario = new UnansweredOnceOpen();

        var result = await LoadRunner.Run(scenario, api, Options with { Warmup = TimeSpan.FromMilliseconds(200), AnswerWithin = TimeSpan.FromMilliseconds(200) },
            (_, _) => { }, scenario.Window);
        scenario.Answer();

        // Each worker's first call after the window opened never came back (but for one the
        // window took for the warm-up's as it opened, uncounted).
        Assert.Equal("no answer 0.2 s after the window closed", Assert.Single(result.Errors).Key);
        Assert.InRange(result.Errors.Single().Value, 1, Workers);
        Assert.Equal(result.Ok, result.Latency.TotalCount);
        Assert.False(Check.NoneFailed(result).Holds);
    }

    [Fact]
    public void A_window_in_which_no_call_was_answered_fails_the_run_though_none_failed()
    {
        var result = new LoadResult(TimeSpan.FromSeconds(1), new LongHistogram(1_000_000, 3), Ok: 0, Refused: 0,
            new Dictionary<string, long>(), [], OkIncludingWarmup: 0, SentLate: null, GeneratorCores: 0);

        var check = Check.NoneFailed(result);

        Assert.False(check.Holds);
        Assert.Equal("no call was answered while measured", check.Detail);
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

    [Fact]
    public async Task Failures_in_the_warm_up_are_kept_apart_from_the_measured_ones()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);

        var result = await LoadRunner.Run(new Failing(), api, Options with { Warmup = TimeSpan.FromMilliseconds(200) }, (_, _) => { });

        Assert.True(result.WarmUpErrors["InvalidOperationException"] > 0);
        Assert.Equal(result.Failed, result.Errors["InvalidOperationException"]);
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

    /// <summary>
    /// A call started in the warm-up is held until the measured window has opened; every call takes
    /// 100 ms. The warm-up lasts until a call has started in it, however slowly the workers start
    /// on a busy machine.
    /// </summary>
    private sealed class HeldUntilTheWindowOpens : IScenario
    {
        private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource startedInTheWarmUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool closed;
        private int startedBeforeOpen;
        private int answeredAfterClose;

        public string Name => "held until the window opens";

        public int StartedBeforeOpen => Volatile.Read(ref startedBeforeOpen);

        public int AnsweredAfterClose => Volatile.Read(ref answeredAfterClose);

        public void Window(bool open)
        {
            if (open)
                opened.TrySetResult();
        }

        public void MeasuredWindowClosed() => closed = true;

        public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

        public Task WarmedUp(Api api, BenchOptions options, long okInWarmup) => startedInTheWarmUp.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public async Task<Outcome> Call(Api api, Random random)
        {
            if (!opened.Task.IsCompleted)
            {
                Interlocked.Increment(ref startedBeforeOpen);
                startedInTheWarmUp.TrySetResult();
            }
            await opened.Task;
            await Task.Delay(100);
            if (closed)
                Interlocked.Increment(ref answeredAfterClose);
            return Outcome.Ok;
        }

        public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
    }

    /// <summary>Answers at once until the measured window has opened, and never after that.</summary>
    private sealed class UnansweredOnceOpen : IScenario
    {
        private readonly TaskCompletionSource<Outcome> never = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool open;

        public string Name => "unanswered once open";

        public void Window(bool opened) => open |= opened;

        /// <summary>Lets the calls still waiting end, once the test has its result.</summary>
        public void Answer() => never.TrySetResult(Outcome.Ok);

        public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

        public Task<Outcome> Call(Api api, Random random) => open ? never.Task : Task.FromResult(Outcome.Ok);

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
