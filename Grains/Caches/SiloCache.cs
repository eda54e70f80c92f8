using System.Collections.Concurrent;

namespace Orders.Grains.Caches;

/// <summary>
/// This silo's copies of details every order reads and that rarely change (products,
/// restaurants), so that an order costs no call for them. An update reaches every silo's copy
/// (<see cref="SiloBroadcast"/>); an entry is also read again after <see cref="MaxAge"/> in case
/// a silo missed a broadcast while it was unreachable. Callers that miss the same entry at once
/// share one read: every open order reads its products here, so an entry that runs out under a
/// busy product would otherwise send the owner a call from each of them.
/// </summary>
public abstract class SiloCache<TDetails>(TimeProvider clock) where TDetails : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    // Aged by the monotonic timestamp, not the wall clock: a clock stepped back (NTP, a resumed
    // VM) would keep an entry a missed broadcast left stale for as long as the step.
    private readonly ConcurrentDictionary<string, (TDetails Details, long ReadAt)> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TDetails?>>> reads = new(StringComparer.Ordinal);

    public ValueTask<TDetails?> Get(string id)
    {
        if (entries.TryGetValue(id, out var cached) && clock.GetElapsedTime(cached.ReadAt) < MaxAge)
            return ValueTask.FromResult<TDetails?>(cached.Details);
        // The shared read runs on the thread pool, not in the first caller's activation, whose
        // leaving would otherwise strand the others waiting for it.
        return new ValueTask<TDetails?>(reads.GetOrAdd(id, key => new Lazy<Task<TDetails?>>(() => Task.Run(() => Read(key)))).Value);
    }

    /// <summary>
    /// Keeps <paramref name="details"/> unless the same or a newer version is already here: a copy
    /// relayed again (a product's update comes straight and through its relay) says nothing of
    /// the versions since, so it does not put off the entry's next read from its owner.
    /// </summary>
    public void Put(TDetails details) => Keep(details, fromOwner: false);

    /// <summary>
    /// The one read of a missed entry; the next miss after it reads again, even if it failed. Its
    /// callers get what the cache holds once it is kept: a broadcast of a newer version that came
    /// while the owner's answer was on its way wins over that answer.
    /// </summary>
    private async Task<TDetails?> Read(string id)
    {
        try
        {
            var details = await ReadFromOwner(id);
            return details is null ? null : Keep(details, fromOwner: true);
        }
        finally
        {
            reads.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Keeps <paramref name="details"/> unless a newer version is already here (or the same, and
    /// they did not come <paramref name="fromOwner"/>, whose answer shows them current), and answers the version held.
    /// </summary>
    private TDetails Keep(TDetails details, bool fromOwner)
    {
        var entry = (details, clock.GetTimestamp());
        return entries.AddOrUpdate(IdOf(details), entry, (_, held) =>
            VersionOf(held.Details) > VersionOf(details) || (VersionOf(held.Details) == VersionOf(details) && !fromOwner) ? held : entry).Details;
    }

    /// <summary>Asks the grain that owns the details.</summary>
    protected abstract Task<TDetails?> ReadFromOwner(string id);

    protected abstract string IdOf(TDetails details);

    protected abstract long VersionOf(TDetails details);
}
