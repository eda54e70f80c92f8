namespace Orders.Grains.Wakes;

/// <summary>The storage's view of wake times (<see cref="IWakeAtState"/>): which grains are due.</summary>
public interface IDueGrains
{
    /// <summary>Up to <paramref name="limit"/> grains whose <paramref name="stateName"/> state's wake time is at or before <paramref name="now"/>, the longest due first.</summary>
    Task<IReadOnlyList<GrainId>> Due(string stateName, DateTimeOffset now, int limit);

    /// <summary>
    /// Moves the wake time of each of <paramref name="grainIds"/>' <paramref name="stateName"/>
    /// states to <paramref name="until"/>, unless it was moved past <paramref name="due"/> since: a
    /// grain that could not be woken must not head every sweep's list (<see cref="Due"/>).
    /// </summary>
    Task Postpone(string stateName, IReadOnlyList<GrainId> grainIds, DateTimeOffset due, DateTimeOffset until);
}
