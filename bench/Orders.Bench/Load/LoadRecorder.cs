using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using HdrHistogram;
using Orders.Bench.Scenarios;

namespace Orders.Bench.Load;

/// <summary>
/// Counts outcomes and records latencies (microseconds) from many workers at once. A call belongs
/// to the measured window when it started (in the open loop: was due) inside it, however late it
/// ends: a stall at the window's end then shows in the latencies instead of leaving its calls
/// out, and the warm-up's backlog does not spill into them. Of the warm-up only the calls that
/// succeeded are kept (a scenario may need to know) and its failures, shown apart.
/// </summary>
public sealed class LoadRecorder
{
    /// <summary>The histograms' ceiling: a longer latency is recorded as this and counted as capped.</summary>
    public static readonly TimeSpan Highest = TimeSpan.FromSeconds(60);

    private static readonly long HighestMicros = (long)Highest.TotalMicroseconds;

    // The workers record at once: a plain LongHistogram loses counts then, and reading the torn
    // histogram threw (ArgumentOutOfRangeException from GetMaxValue) at the end of a flash-sale run.
    private readonly Recorder interval = new(1, HighestMicros, 3, (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));
    private readonly LongHistogram total = new(HighestMicros, 3);
    private readonly LongHistogram sentLate = new(HighestMicros, 3);
    private readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> warmUpErrors = new(StringComparer.Ordinal);
    private readonly List<TimelinePoint> timeline = [];
    private long windowStart = long.MaxValue;
    private long windowEnd = long.MaxValue;
    private long started;
    private long ended;
    private long lastAnswered;
    private long ok;
    private long refused;
    private long capped;
    private long okIncludingWarmup;
    private long intervalCalls;
    private long intervalOk;

    /// <summary>Set once the result is taken: an open loop's sender held back by its limit on calls in flight sends no more.</summary>
    private volatile bool finished;

    /// <summary>The calls that succeeded so far, in the warm-up too.</summary>
    public long OkIncludingWarmup => Interlocked.Read(ref okIncludingWarmup);

    public void StartMeasuring()
    {
        interval.GetIntervalHistogram();
        Interlocked.Exchange(ref windowStart, Stopwatch.GetTimestamp());
    }

    /// <summary>Closes the measured window: calls started in it are still awaited, no other starts.</summary>
    public void StopMeasuring() => Interlocked.Exchange(ref windowEnd, Stopwatch.GetTimestamp());

    /// <summary>
    /// A call starting at <paramref name="startedAt"/>: where it belongs, decided once, so that every
    /// call counted as started in the window is counted again as it ends.
    /// </summary>
    public CallWindow Begin(long startedAt)
    {
        if (startedAt >= Interlocked.Read(ref windowEnd) || finished)
            return CallWindow.Over;
        if (startedAt < Interlocked.Read(ref windowStart))
            return CallWindow.WarmUp;
        Interlocked.Increment(ref started);
        return CallWindow.Measured;
    }

    public void Record(CallWindow window, TimeSpan latency, Outcome outcome)
    {
        if (outcome == Outcome.Ok)
            Interlocked.Increment(ref okIncludingWarmup);
        if (window != CallWindow.Measured)
            return;

        interval.RecordValue(Micros(latency));
        Interlocked.Increment(ref outcome == Outcome.Ok ? ref ok : ref refused);
        if (outcome == Outcome.Ok)
            Interlocked.Increment(ref intervalOk);
        Interlocked.Increment(ref intervalCalls);
        Interlocked.Increment(ref ended);
        var now = Stopwatch.GetTimestamp();
        for (var seen = Interlocked.Read(ref lastAnswered); now > seen; seen = Interlocked.Read(ref lastAnswered))
            if (Interlocked.CompareExchange(ref lastAnswered, now, seen) == seen)
                return;
    }

    /// <summary>How long after its due time an open loop's call left; recorded by the one sending thread.</summary>
    public void RecordSentLate(CallWindow window, TimeSpan late)
    {
        if (window == CallWindow.Measured)
            sentLate.RecordValue(Math.Clamp((long)late.TotalMicroseconds, 0, HighestMicros));
    }

    public void RecordError(CallWindow window, Exception failure)
    {
        var status = failure is RpcException rpc ? rpc.StatusCode.ToString() : failure.GetType().Name;
        var measured = window == CallWindow.Measured;
        if ((measured ? errors : warmUpErrors).TryAdd(status, 1))
            Console.WriteLine($"  first {status}{(measured ? "" : " in the warm-up")}: {failure.Message}");    // the table only counts them
        else
            (measured ? errors : warmUpErrors).AddOrUpdate(status, 1, (_, count) => count + 1);
        if (!measured)
            return;
        Interlocked.Increment(ref intervalCalls);
        Interlocked.Increment(ref ended);
    }

    /// <summary>Closes a one-second interval, by the calls that ended in it: folds it into the total and returns its point.</summary>
    public TimelinePoint Tick(double second)
    {
        var histogram = interval.GetIntervalHistogram();
        total.Add(histogram);
        var point = new TimelinePoint(second, Interlocked.Exchange(ref intervalCalls, 0), Interlocked.Exchange(ref intervalOk, 0),
            Percentile(histogram, 50), Percentile(histogram, 99), Millis(histogram.GetMaxValue()));
        timeline.Add(point);
        return point;
    }

    /// <summary>
    /// The result, once the window's calls have ended or stopped being awaited: those that ended
    /// after the last tick are folded in, and those still on their way count as failed.
    /// </summary>
    public LoadResult Finish(TimeSpan elapsed, double generatorCores, TimeSpan awaited, bool openLoop)
    {
        finished = true;
        total.Add(interval.GetIntervalHistogram());
        var failures = new Dictionary<string, long>(errors);
        if (Interlocked.Read(ref started) - Interlocked.Read(ref ended) is > 0 and var unanswered)
            failures[FormattableString.Invariant($"no answer {awaited.TotalSeconds:0.###} s after the window closed")] = unanswered;
        return new(elapsed, total, ok, refused, failures, timeline, OkIncludingWarmup,
            sentLate.TotalCount > 0 ? sentLate : null, generatorCores)
        {
            WarmUpErrors = new Dictionary<string, long>(warmUpErrors),
            CappedLatencies = Interlocked.Read(ref capped),
            LastAnsweredAfter = openLoop && Interlocked.Read(ref lastAnswered) is var last && last > windowStart
                ? Stopwatch.GetElapsedTime(windowStart, last)
                : TimeSpan.Zero,
        };
    }

    public static double Millis(long micros) => micros / 1000.0;

    /// <summary>A percentile in milliseconds; zero for an interval in which no call finished.</summary>
    public static double Percentile(HistogramBase micros, double percentile) =>
        micros.TotalCount == 0 ? 0 : Millis(micros.GetValueAtPercentile(percentile));

    private long Micros(TimeSpan latency)
    {
        var micros = (long)latency.TotalMicroseconds;
        if (micros <= HighestMicros)
            return Math.Max(micros, 1);
        Interlocked.Increment(ref capped);
        return HighestMicros;
    }
}
