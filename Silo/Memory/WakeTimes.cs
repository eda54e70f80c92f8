using Orleans.Runtime;

namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's stored wake times, also kept in time order, so that the wake sweeper's question each
/// second costs the states due, not a pass over every order waiting on someone.
/// </summary>
internal sealed class WakeTimes
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string StateName, GrainId GrainId), DateTimeOffset> byState = [];
    private readonly SortedSet<(DateTimeOffset At, string StateName, GrainId GrainId)> byTime = [];

    /// <summary>Sets the state's wake time, or clears it when null.</summary>
    public void Set(string stateName, GrainId grainId, DateTimeOffset? at)
    {
        lock (gate)
        {
            if (byState.Remove((stateName, grainId), out var was))
                byTime.Remove((was, stateName, grainId));
            if (at is { } time)
            {
                byState[(stateName, grainId)] = time;
                byTime.Add((time, stateName, grainId));
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> states of the name whose time has come, the longest due first.</summary>
    public IReadOnlyList<GrainId> Due(string stateName, DateTimeOffset now, int limit)
    {
        lock (gate)
        {
            return [.. byTime
                .TakeWhile(wake => wake.At <= now)
                .Where(wake => wake.StateName == stateName)
                .Take(limit)
                .Select(wake => wake.GrainId)];
        }
    }
}
