using HdrHistogram;

namespace Orders.Bench.Scenarios;

/// <summary>One kind of load: what to seed, the call to repeat, and what to check at the end.</summary>
public interface IScenario
{
    string Name { get; }

    Task Seed(Api api, BenchOptions options);

    /// <summary>
    /// Called once the warm-up is over, before the measurement starts, with the calls that
    /// succeeded in it: a scenario may fit itself to the speed the machine showed.
    /// </summary>
    Task WarmedUp(Api api, BenchOptions options, long okInWarmup) => Task.CompletedTask;

    /// <summary>Called as the measured window closes: no call starts in it after this; those on their way are still awaited.</summary>
    void MeasuredWindowClosed()
    {
    }

    /// <summary>One call; <paramref name="random"/> belongs to the calling worker.</summary>
    Task<Outcome> Call(Api api, Random random);

    /// <summary>Checks through the API once the load has stopped; each line says what held and what did not.</summary>
    Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result);

    /// <summary>
    /// The scenario's own rate, with its name, where its calls answered a second are not its
    /// figure (a sale's refusals once sold out outnumber its placements); null where they are.
    /// The ratios to the references are taken of it.
    /// </summary>
    (string Name, double PerSecond)? OwnRate(LoadResult result) => null;

    /// <summary>A second latency the scenario measures besides the call's own, with its name; null if none.</summary>
    (string Name, HistogramBase Histogram)? Extra => null;
}
