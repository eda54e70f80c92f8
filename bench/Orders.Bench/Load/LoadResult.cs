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

    /// <summary>In an open loop, from the window's opening to the last answer of a call due in it; zero in a closed loop.</summary>
    public TimeSpan LastAnsweredAfter { get; init; }

    public long Failed => Errors.Values.Sum();

    /// <summary>The calls answered a second, over <see cref="AnsweringTime"/>.</summary>
    public double Throughput => Answered / AnsweringTime.TotalSeconds;

    /// <summary>
    /// The window, or in an open loop that fell behind, until its backlog's last answer: counted
    /// over the window alone, a backlog answered after it closed would read as the rate offered,
    /// however slowly it came back. A closed loop starts as many calls in the window as it
    /// answers, so the window alone is its time.
    /// </summary>
    public TimeSpan AnsweringTime => LastAnsweredAfter > Elapsed ? LastAnsweredAfter : Elapsed;
}
