namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's lists of grains held by their own states (<see cref="Grains.Lists.IListedState"/>):
/// each state's two lists, and each list's states by the number of their first write. A list is
/// put in that order when it is read, not kept in it: every order joins its customer's list and
/// its restaurant's, and a sorted tree's insert, many levels down a tree that only grows while the
/// process runs, took 4–6 % of dev mode's samples (docs/performance.md, "Dev mode over time").
/// </summary>
internal sealed class ListedStates
{
    private readonly Lock gate = new();
    private readonly Dictionary<StateKey, Listing> byState = [];
    private readonly Dictionary<string, Dictionary<long, StateKey>> byList = [];
    private long writes;

    /// <summary>Sets the lists the state is an entry of, or takes it off every list when both are null.</summary>
    public void Set(StateKey state, string? listedIn, string? waitingIn)
    {
        lock (gate)
        {
            var firstWrite = byState.Remove(state, out var was) ? was.FirstWrite : ++writes;
            if (was is not null)
            {
                Leave(was.ListedIn, firstWrite);
                Leave(was.WaitingIn, firstWrite);
            }
            if (listedIn is null && waitingIn is null)
                return;
            byState[state] = new Listing(firstWrite, listedIn, waitingIn);
            Join(listedIn, firstWrite, state);
            Join(waitingIn, firstWrite, state);
        }
    }

    /// <summary>The states in <paramref name="list"/>, for good or while they wait.</summary>
    public ImmutableArray<StateKey> In(string list) => Read(list, _ => true);

    /// <summary>The states in <paramref name="list"/> for good.</summary>
    public ImmutableArray<StateKey> ListedIn(string list) => Read(list, state => byState[state].ListedIn == list);

    private ImmutableArray<StateKey> Read(string list, Func<StateKey, bool> included)
    {
        lock (gate)
        {
            return byList.TryGetValue(list, out var states)
                ? [.. states.Where(entry => included(entry.Value)).OrderBy(entry => entry.Key).Select(entry => entry.Value)]
                : [];
        }
    }

    private void Join(string? list, long firstWrite, StateKey state)
    {
        if (list is not null)
            (byList.TryGetValue(list, out var states) ? states : byList[list] = [])[firstWrite] = state;
    }

    private void Leave(string? list, long firstWrite)
    {
        if (list is not null && byList.TryGetValue(list, out var states) && states.Remove(firstWrite) && states.Count == 0)
            byList.Remove(list);
    }

    private sealed record Listing(long FirstWrite, string? ListedIn, string? WaitingIn);
}
