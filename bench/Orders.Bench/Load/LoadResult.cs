using HdrHistogram;
using Orders.Bench.Load;

namespace Orders.Bench;

/// <summary>
/// What a measured run produced: calls, latencies, outcomes and errors, second by second; in an
/// open loop also how late the calls left, so a generator that fell behind shows it. The
/// generator shares the machine with the system it loads, so its own CPU over the measured
/// seconds (in cores) says how much of the machine the system did not get.
/// </summary>
public sealed record LoadResult(
    TimeSpan Elapsed,
    HistogramBase Latency,
    long Ok,
    long Refused,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<TimelinePoint> Timeline,
    long OkIncludingWarmup,
    HistogramBase? SentLate,
    double GeneratorCores)
{
    /// <summary>The calls answered, refusals included: a failed call is counted apart, not as throughput.</summary>
    public long Answered => Ok + Refused;

    /// <summary>The warm-up's failed calls by status: not figures, but what a later check may need to explain.</summary>
    public IReadOnlyDictionary<string, long> WarmUpErrors { get; init; } = new Dictionary<string, long>();

    /// <summary>Latencies above <see cref="LoadRecorder.Highest"/>, recorded as that.</summary>
    public long CappedLatencies { get; init; }

    /// <summary>From the window's opening to the end of the last call it counted; beyond the window when the system fell behind.</summary>
    public TimeSpan EndedOver { get; init; }

    public long Failed => Errors.Values.Sum();

    /// <summary>
    /// The calls answered a second, over the time they took to end: an open loop's backlog, answered
    /// after the window closed, would otherwise read as the rate offered however slowly it came back.
    /// </summary>
    public double Throughput => Answered / AnsweredOver.TotalSeconds;

    /// <summary>The window, or longer while its calls were still ending.</summary>
    public TimeSpan AnsweredOver => EndedOver > Elapsed ? EndedOver : Elapsed;
}
