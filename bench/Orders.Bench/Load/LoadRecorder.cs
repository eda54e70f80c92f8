using System.Collections.Concurrent;
using Grpc.Core;
using HdrHistogram;
using Orders.Bench.Scenarios;

namespace Orders.Bench.Load;

/// <summary>
/// Counts outcomes and records latencies (microseconds) from many workers at once. A call is
/// measured when it ends inside the measured window, its outcome and its latency together, so
/// the counts and the percentiles describe the same calls; nothing is recorded during the warm-up
/// except the calls that succeeded, which a scenario may need to know, nor once the window closed.
/// </summary>
public sealed class LoadRecorder
{
    private const long HighestMicros = 60_000_000;

    // The workers record at once: a plain LongHistogram loses counts then, and reading the torn
    // histogram threw (ArgumentOutOfRangeException from GetMaxValue) at the end of a flash-sale run.
    private readonly Recorder interval = new(1, HighestMicros, 3, (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));
    private readonly LongHistogram total = new(HighestMicros, 3);
    private readonly LongHistogram sentLate = new(HighestMicros, 3);
    private readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);
    private readonly List<TimelinePoint> timeline = [];
    private long ok;
    private long refused;
    private long okIncludingWarmup;
    private long intervalCalls;
    private long intervalOk;
    private volatile bool measuring;

    /// <summary>The calls that succeeded so far, in the warm-up too.</summary>
    public long OkIncludingWarmup => Interlocked.Read(ref okIncludingWarmup);

    public void StartMeasuring()
    {
        interval.GetIntervalHistogram();
        Interlocked.Exchange(ref intervalCalls, 0);
        Interlocked.Exchange(ref intervalOk, 0);
        measuring = true;
    }

    /// <summary>Closes the measured window: the calls still in flight end outside it.</summary>
    public void StopMeasuring() => measuring = false;

    public void Record(TimeSpan latency, Outcome outcome)
    {
        if (outcome == Outcome.Ok)
            Interlocked.Increment(ref okIncludingWarmup);
        if (!measuring)
            return;

        interval.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicros));
        Interlocked.Increment(ref outcome == Outcome.Ok ? ref ok : ref refused);
        if (outcome == Outcome.Ok)
            Interlocked.Increment(ref intervalOk);
        Interlocked.Increment(ref intervalCalls);
    }

    /// <summary>How long after its due time an open loop's call left; recorded by the one sending thread.</summary>
    public void RecordSentLate(TimeSpan late)
    {
        if (measuring)
            sentLate.RecordValue(Math.Clamp((long)late.TotalMicroseconds, 0, HighestMicros));
    }

    public void RecordError(Exception failure)
    {
        if (!measuring)
            return;

        var status = failure is RpcException rpc ? rpc.StatusCode.ToString() : failure.GetType().Name;
        if (errors.TryAdd(status, 1))
            Console.WriteLine($"  first {status}: {failure.Message}");    // the table only counts them
        else
            errors.AddOrUpdate(status, 1, (_, count) => count + 1);
        Interlocked.Increment(ref intervalCalls);
    }

    /// <summary>Closes a one-second interval: folds it into the total and returns its point.</summary>
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
    /// The result, once the calls in flight have ended: a call that saw the window open as it
    /// ended may have recorded its latency after the last tick, and is folded in with its count.
    /// </summary>
    public LoadResult Finish(TimeSpan elapsed, double generatorCores)
    {
        total.Add(interval.GetIntervalHistogram());
        return new(elapsed, total, ok, refused, new Dictionary<string, long>(errors), timeline, OkIncludingWarmup,
            sentLate.TotalCount > 0 ? sentLate : null, generatorCores);
    }

    public static double Millis(long micros) => micros / 1000.0;

    /// <summary>A percentile in milliseconds; zero for an interval in which no call finished.</summary>
    public static double Percentile(HistogramBase micros, double percentile) =>
        micros.TotalCount == 0 ? 0 : Millis(micros.GetValueAtPercentile(percentile));
}
