namespace Orders.Grains.Wakes;

/// <summary>The storage's view of wake times (<see cref="IWakeAtState"/>): which grains are due.</summary>
public interface IDueGrains
{
    /// <summary>Up to <paramref name="limit"/> grains whose <paramref name="stateName"/> state's wake time is at or before <paramref name="now"/>, the longest due first.</summary>
    Task<IReadOnlyList<GrainId>> Due(string stateName, DateTimeOffset now, int limit);
}
