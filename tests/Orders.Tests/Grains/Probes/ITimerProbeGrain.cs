namespace Orders.Tests.Grains.Probes;

/// <summary>A grain with one <see cref="Orders.Grains.DurableTimer"/>, recording when it ticks.</summary>
[Alias("tests.ITimerProbeGrain")]
public interface ITimerProbeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the timer for <paramref name="due"/>. Each tick before it sets it for the same time
    /// again; the tick on time and the one after it fail their work and ask for the same (past)
    /// time again, the next one clears the timer.
    /// </summary>
    [Alias("SetFor")]
    Task SetFor(DateTimeOffset due);

    /// <summary>Makes the reminder under the timer tick after <paramref name="delay"/>, behind the timer's back.</summary>
    [Alias("TickEarly")]
    Task TickEarly(TimeSpan delay);

    [Alias("Ticks")]
    Task<ImmutableArray<DateTimeOffset>> Ticks();
}
