using System.Runtime.InteropServices;
using HdrHistogram;
using Orders.Bench.Load;
using Orders.Bench.Scenarios;

namespace Orders.Bench.Reporting;

/// <summary>Everything a run measured, as printed and as written to JSON.</summary>
public sealed record BenchReport(
    DateTimeOffset Date,
    string Machine,
    string Label,
    string Scenario,
    string Loop,
    double DurationSeconds,
    double AnsweringSeconds,
    double Throughput,
    string? OwnRateName,
    double? OwnRate,
    Percentiles Latency,
    Percentiles? SentLate,
    long Ok,
    long Refused,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> WarmUpErrors,
    long CappedLatencies,
    string? ExtraName,
    Percentiles? Extra,
    double? EchoRatio,
    double? PgbenchRatio,
    double GeneratorCores,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<TimelinePoint> Timeline)
{
    /// <remarks>The ratios are the scenario's own rate's where it has one, the calls answered a second's otherwise.</remarks>
    public static BenchReport From(IScenario scenario, BenchOptions options, LoadResult result, IReadOnlyList<Check> checks)
    {
        var own = scenario.OwnRate(result);
        var figure = own?.PerSecond ?? result.Throughput;
        return new(
            DateTimeOffset.UtcNow,
            $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            options.Label,
            scenario.Name,
            options.LoopDescription,
            Math.Round(result.Elapsed.TotalSeconds, 1),
            Math.Round(result.AnsweringTime.TotalSeconds, 1),
            Math.Round(result.Throughput, 1),
            own?.Name,
            own is { PerSecond: var rate } ? Math.Round(rate, 1) : null,
            Percentiles.Of(result.Latency),
            result.SentLate is { } late ? Percentiles.Of(late) : null,
            result.Ok,
            result.Refused,
            result.Errors,
            result.WarmUpErrors,
            result.CappedLatencies,
            scenario.Extra?.Name,
            scenario.Extra is { } extra ? Percentiles.Of(extra.Histogram) : null,
            options.EchoReference > 0 ? Math.Round(figure / options.EchoReference, 3) : null,
            options.PgbenchReference > 0 ? Math.Round(figure / options.PgbenchReference, 3) : null,
            Math.Round(result.GeneratorCores, 2),
            checks,
            result.Timeline);
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record Percentiles(double P50, double P90, double P99, double P999, double Max)
{
    public static Percentiles Of(HistogramBase micros) => new(
        LoadRecorder.Percentile(micros, 50), LoadRecorder.Percentile(micros, 90), LoadRecorder.Percentile(micros, 99),
        LoadRecorder.Percentile(micros, 99.9), LoadRecorder.Millis(micros.GetMaxValue()));
}
