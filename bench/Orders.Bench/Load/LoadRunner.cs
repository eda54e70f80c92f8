using System.Diagnostics;
using Orders.Bench.Scenarios;

namespace Orders.Bench.Load;

/// <summary>
/// Drives a scenario for the warm-up and then the measured duration, in a closed loop (a fixed
/// number of calls in flight) or an open loop (a fixed arrival rate, each call timed from when
/// it was due, so a slow system cannot hide its queueing by slowing the load down).
/// </summary>
public static class LoadRunner
{
    /// <summary>The open loop's limit on calls in flight, so a stalled system cannot exhaust memory.</summary>
    private const int MaxOutstanding = 50_000;

    /// <summary>How many calls the open loop keeps at least before it drops the finished ones.</summary>
    private const int PruneAtLeast = 10_000;

    /// <param name="window">Told true as the measured window opens and false as it closes, at once.</param>
    public static async Task<LoadResult> Run(IScenario scenario, Api api, BenchOptions options, Action<TimelinePoint, LoadRecorder> progress,
        Action<bool>? window = null)
    {
        var recorder = new LoadRecorder();
        var load = options.Rate > 0
            ? OpenLoop(scenario, api, options.Rate, recorder)
            : ClosedLoop(scenario, api, options.Concurrency, recorder);

        await Task.Delay(options.Warmup);
        await scenario.WarmedUp(api, options, recorder.OkIncludingWarmup);
        recorder.StartMeasuring();
        window?.Invoke(true);
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var second = 1; second <= Math.Ceiling(options.Duration.TotalSeconds); second++)
        {
            var end = TimeSpan.FromSeconds(Math.Min(second, options.Duration.TotalSeconds));
            if (end > clock.Elapsed)
                await Task.Delay(end - clock.Elapsed);
            progress(recorder.Tick(end.TotalSeconds), recorder);
        }

        recorder.StopMeasuring();
        scenario.MeasuredWindowClosed();
        window?.Invoke(false);
        var elapsed = clock.Elapsed;
        var generatorCores = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore) / elapsed;
        try
        {
            await load.WaitAsync(options.AnswerWithin);
        }
        catch (TimeoutException)
        {
            // The calls still on their way are counted as failed by the recorder.
        }

        return recorder.Finish(elapsed, generatorCores, options.AnswerWithin, openLoop: options.Rate > 0);
    }

    private static Task ClosedLoop(IScenario scenario, Api api, int concurrency, LoadRecorder recorder) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (true)
            {
                var startedAt = Stopwatch.GetTimestamp();
                var window = recorder.Begin(startedAt);
                if (window == CallWindow.Over)
                    return;
                await Timed(scenario, api, random, startedAt, window, recorder);
            }
        })));

    /// <summary>
    /// Sends from a thread of its own (a long-running task), each call started on that thread the
    /// moment it is due: a pool thread woken by a timer came milliseconds late, and that counted as
    /// the system's latency. Every call due before the window closes is sent, however late.
    /// </summary>
    private static async Task OpenLoop(IScenario scenario, Api api, int rate, LoadRecorder recorder) =>
        await Task.WhenAll(await Task.Factory.StartNew(() => Send(scenario, api, rate, recorder),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    private static List<Task> Send(IScenario scenario, Api api, int rate, LoadRecorder recorder)
    {
        var random = new Random(1);
        var outstanding = new SemaphoreSlim(MaxOutstanding);
        var start = Stopwatch.GetTimestamp();
        var ticksPerCall = Stopwatch.Frequency / (double)rate;
        var calls = new List<Task>();
        var pruneAt = PruneAtLeast;
        for (long index = 0; ; index++)
        {
            var due = start + (long)(index * ticksPerCall);
            Pacer.SleepUntil(due);
            var window = recorder.Begin(due);
            if (window == CallWindow.Over)
                return calls;
            outstanding.Wait(CancellationToken.None);
            recorder.RecordSentLate(window, Stopwatch.GetElapsedTime(due));
            calls.Add(Released(Timed(scenario, api, new Random(random.Next()), due, window, recorder), outstanding));
            // Pruned when the list has doubled since: a stalled system keeps thousands in flight, and
            // pruning at every call past a fixed size would make the sender itself fall behind.
            if (calls.Count >= pruneAt)
            {
                calls.RemoveAll(call => call.IsCompleted);
                pruneAt = Math.Max(PruneAtLeast, calls.Count * 2);
            }
        }
    }

    private static async Task Released(Task call, SemaphoreSlim outstanding)
    {
        try
        {
            await call;
        }
        finally
        {
            outstanding.Release();
        }
    }

    private static async Task Timed(IScenario scenario, Api api, Random random, long startedAt, CallWindow window, LoadRecorder recorder)
    {
        try
        {
            var outcome = await scenario.Call(api, random);
            recorder.Record(window, Stopwatch.GetElapsedTime(startedAt), outcome);
        }
        catch (Exception failure)
        {
            recorder.RecordError(window, failure);
        }
    }
}
