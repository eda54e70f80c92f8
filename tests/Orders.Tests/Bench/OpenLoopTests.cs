using System.Diagnostics;
using Orders.Bench;
using Orders.Bench.Load;
using Orders.Bench.Scenarios;

namespace Orders.Tests.Bench;

/// <summary>
/// The load generator's open loop: latency counts from each call's due time, so a call must never
/// leave before it, and the report says how late the calls left.
/// </summary>
public sealed class OpenLoopTests
{
    [Fact]
    public void The_pacer_never_returns_before_the_due_time()
    {
        for (var index = 0; index < 200; index++)
        {
            // Dues from a few microseconds to a few milliseconds away: under a millisecond is
            // where sleeping in whole milliseconds would wake early or not at all.
            var due = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (index % 40) / 10_000;

            Pacer.SleepUntil(due);

            Assert.True(Stopwatch.GetTimestamp() >= due, $"returned {Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due)} early");
        }
    }

    [Fact]
    public async Task An_open_loop_reports_how_late_its_calls_left_and_a_closed_loop_does_not()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);     // never called: the scenario answers itself
        var options = new BenchOptions { Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1) };

        var open = await LoadRunner.Run(new Answering(), api, options with { Rate = 200 }, (_, _) => { });
        var closed = await LoadRunner.Run(new Answering(), api, options with { Concurrency = 2 }, (_, _) => { });

        // The calls due in the window are the calls it counts, each answered however late.
        Assert.NotNull(open.SentLate);
        Assert.True(open.Ok > 0);
        Assert.Equal(open.Ok, open.SentLate.TotalCount);
        Assert.Null(closed.SentLate);
    }

    [Fact]
    public async Task An_open_loop_faster_than_the_system_reports_the_rate_answered_not_the_rate_offered()
    {
        using var api = new Api([new Uri("http://127.0.0.1:1")], 1);
        var options = new BenchOptions { Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1), Rate = 300 };

        var result = await LoadRunner.Run(new OneAtATime(TimeSpan.FromMilliseconds(10)), api, options, (_, _) => { });

        // At most a hundred a second answered, one at a time, though three hundred were sent that second.
        Assert.True(result.Ok > 250, $"{result.Ok} answered");
        Assert.True(result.Throughput < 110, $"{result.Throughput:0} a second");
    }

    /// <summary>A system that answers one call at a time, each after <paramref name="takes"/>.</summary>
    private sealed class OneAtATime(TimeSpan takes) : IScenario
    {
        private readonly SemaphoreSlim one = new(1);

        public string Name => "one-at-a-time";

        public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

        public async Task<Outcome> Call(Api api, Random random)
        {
            await one.WaitAsync();
            try
            {
                await Task.Delay(takes);
                return Outcome.Ok;
            }
            finally
            {
                one.Release();
            }
        }

        public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
    }

    private sealed class Answering : IScenario
    {
        public string Name => "answering";

        public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

        public async Task<Outcome> Call(Api api, Random random)
        {
            await Task.Yield();
            return Outcome.Ok;
        }

        public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
    }
}
