using System.Collections.Concurrent;

namespace Orders.Grains.Caches;

/// <summary>
/// This silo's copies of details every order reads and that rarely change (products,
/// restaurants), so that an order costs no call for them. An update reaches every silo's copy
/// (<see cref="SiloBroadcast"/>); an entry is also read again after <see cref="MaxAge"/> in case
/// a silo missed a broadcast while it was unreachable.
/// </summary>
public abstract class SiloCache<TDetails>(TimeProvider clock) where TDetails : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (TDetails Details, DateTimeOffset ReadAt)> entries = new(StringComparer.Ordinal);

    public async ValueTask<TDetails?> Get(string id)
    {
        if (entries.TryGetValue(id, out var cached) && clock.GetUtcNow() - cached.ReadAt < MaxAge)
            return cached.Details;

        var details = await ReadFromOwner(id);
        if (details is not null)
            Put(details);
        return details;
    }

    /// <summary>Keeps <paramref name="details"/> unless a newer version is already here.</summary>
    public void Put(TDetails details)
    {
        var entry = (details, clock.GetUtcNow());
        entries.AddOrUpdate(IdOf(details), entry, (_, held) => VersionOf(held.Details) > VersionOf(details) ? held : entry);
    }

    /// <summary>Asks the grain that owns the details.</summary>
    protected abstract Task<TDetails?> ReadFromOwner(string id);

    protected abstract string IdOf(TDetails details);

    protected abstract long VersionOf(TDetails details);
}
