namespace Orders.Grains.Caches;

/// <summary>New details of one product or restaurant (<paramref name="About"/>) for a silo's cache.</summary>
internal sealed record CacheRefresh(string About, long Version, Func<ISiloCacheGrain, Task> To);

/// <summary>
/// What a silo that broadcasts left behind has yet to take, the latest version of each, and
/// whether a catch-up is trying it: one catch-up a silo, however many broadcasts missed it.
/// </summary>
internal sealed class MissedRefreshes
{
    private readonly Dictionary<string, CacheRefresh> pending = [];
    private bool tryingAgain;

    /// <summary>Keeps <paramref name="refresh"/> unless a newer one of the same is kept; true if a catch-up must start for it.</summary>
    public bool Add(CacheRefresh refresh)
    {
        lock (pending)
        {
            if (!pending.TryGetValue(refresh.About, out var held) || held.Version < refresh.Version)
                pending[refresh.About] = refresh;
            if (tryingAgain)
                return false;
            tryingAgain = true;
            return true;
        }
    }

    /// <summary>What is left to take; none ends the catch-up, and the next one left behind starts another.</summary>
    public IReadOnlyList<CacheRefresh> Next()
    {
        lock (pending)
        {
            tryingAgain = pending.Count > 0;
            return [.. pending.Values];
        }
    }

    public void Took(CacheRefresh refresh)
    {
        lock (pending)
        {
            if (pending.TryGetValue(refresh.About, out var held) && held == refresh)
                pending.Remove(refresh.About);
        }
    }

    /// <summary>Ends the catch-up, leaving what it did not deliver to age out of the silo's cache.</summary>
    public void GiveUp()
    {
        lock (pending)
        {
            pending.Clear();
            tryingAgain = false;
        }
    }
}
