namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's stored wake times of grain states or ledgers (<typeparamref name="TKey"/>), also filed
/// by the second they fall in, so that the wake sweeper's question each second costs the states
/// due, not a pass over every order waiting on someone. A
/// second's states are a set, put in time order only once they come due, and the seconds a small
/// tree: kept in one sorted set instead, each write's insert, many levels down a tree of every
/// waiting order, took 1.4 % of dev mode's samples (docs/performance.md, "Dev mode over time").
/// </summary>
internal sealed class WakeTimes<TKey> where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, DateTimeOffset> byState = [];
    private readonly SortedDictionary<long, HashSet<TKey>> bySecond = [];

    /// <summary>Sets the state's wake time, or clears it when null.</summary>
    public void Set(TKey state, DateTimeOffset? at)
    {
        lock (gate)
            Refile(state, at);
    }

    /// <summary>Moves the wake time of each of <paramref name="states"/> to <paramref name="until"/>, unless it was moved past <paramref name="due"/> since.</summary>
    public void Postpone(IEnumerable<TKey> states, DateTimeOffset due, DateTimeOffset until)
    {
        lock (gate)
        {
            foreach (var state in states)
            {
                if (byState.TryGetValue(state, out var at) && at <= due)
                    Refile(state, until);
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> of the states <paramref name="asked"/> whose time has come, the longest due first.</summary>
    public IReadOnlyList<TKey> Due(Func<TKey, bool> asked, DateTimeOffset now, int limit)
    {
        lock (gate)
        {
            var due = new List<TKey>();
            foreach (var (second, states) in bySecond)
            {
                if (second > SecondOf(now) || due.Count >= limit)
                    break;
                due.AddRange(states
                    .Where(state => asked(state) && byState[state] <= now)
                    .OrderBy(state => byState[state])
                    .Take(limit - due.Count));
            }
            return due;
        }
    }

    private void Refile(TKey state, DateTimeOffset? at)
    {
        // Most writes keep their time (a busy stock's, an order's between moves): nothing to refile.
        if (byState.TryGetValue(state, out var was) && was == at)
            return;
        if (byState.Remove(state, out was))
            Unfile(state, was);
        if (at is { } time)
        {
            byState[state] = time;
            File(state, time);
        }
    }

    private void File(TKey state, DateTimeOffset at)
    {
        var second = SecondOf(at);
        if (!bySecond.TryGetValue(second, out var states))
            bySecond[second] = states = [];
        states.Add(state);
    }

    private void Unfile(TKey state, DateTimeOffset at)
    {
        var second = SecondOf(at);
        var states = bySecond[second];
        states.Remove(state);
        if (states.Count == 0)
            bySecond.Remove(second);
    }

    private static long SecondOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerSecond;
}
