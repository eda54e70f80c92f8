using Orleans.Runtime;

namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's lists of grains held by their own states (<see cref="Grains.Lists.IListedState"/>):
/// each state's two lists, and each list's grains in the order of their first write.
/// </summary>
internal sealed class ListedStates
{
    private readonly Lock gate = new();
    private readonly Dictionary<GrainId, Listing> byGrain = [];
    private readonly Dictionary<string, SortedDictionary<long, GrainId>> byList = [];
    private long writes;

    /// <summary>Sets the lists the grain's state is an entry of, or takes it off every list when both are null.</summary>
    public void Set(GrainId grainId, string? listedIn, string? waitingIn)
    {
        lock (gate)
        {
            var firstWrite = byGrain.Remove(grainId, out var was) ? was.FirstWrite : ++writes;
            if (was is not null)
            {
                Leave(was.ListedIn, firstWrite);
                Leave(was.WaitingIn, firstWrite);
            }
            if (listedIn is null && waitingIn is null)
                return;
            byGrain[grainId] = new Listing(firstWrite, listedIn, waitingIn);
            Join(listedIn, firstWrite, grainId);
            Join(waitingIn, firstWrite, grainId);
        }
    }

    public ImmutableArray<string> In(string list)
    {
        lock (gate)
            return byList.TryGetValue(list, out var grains) ? [.. grains.Values.Select(grain => grain.Key.ToString()!)] : [];
    }

    private void Join(string? list, long firstWrite, GrainId grainId)
    {
        if (list is not null)
            (byList.TryGetValue(list, out var grains) ? grains : byList[list] = [])[firstWrite] = grainId;
    }

    private void Leave(string? list, long firstWrite)
    {
        if (list is not null && byList.TryGetValue(list, out var grains) && grains.Remove(firstWrite) && grains.Count == 0)
            byList.Remove(list);
    }

    private sealed record Listing(long FirstWrite, string? ListedIn, string? WaitingIn);
}
