using System.Diagnostics.Metrics;

namespace Orders.Grains.Diagnostics;

/// <summary>
/// The meter the system publishes its own measurements on: where an order's time goes, step by
/// step, beside the runtime's, ASP.NET Core's and Orleans' meters. Read it with
/// <c>dotnet-counters monitor --counters Orders</c> (as <c>bench/run.sh</c> does) or any
/// <see cref="MeterListener"/>. Durations are in seconds, as OpenTelemetry's conventions have
/// them; an instrument nobody listens to costs a check per measurement.
/// </summary>
public static class OrdersMeter
{
    public const string Name = "Orders";

    public static readonly Meter Meter = new(Name);

    /// <summary>
    /// Bucket bounds for a call's or statement's time, 1 ms to 10 s: OpenTelemetry gives seconds-sized
    /// bounds only to the instruments it knows, and an instrument of ours without them was exported
    /// in its millisecond-sized default, every call under 5 s in the first bucket.
    /// </summary>
    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    /// <summary>A histogram of durations in seconds, bucketed for exporters by <see cref="DurationBuckets"/>.</summary>
    public static Histogram<double> Duration(string name, string description) =>
        Meter.CreateHistogram(name, "s", description, tags: null, DurationBuckets);
}
