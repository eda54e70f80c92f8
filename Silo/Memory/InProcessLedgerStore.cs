using System.Collections.Concurrent;
using Orders.Grains;
using Orders.Grains.Ledgers;

namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's ledgers, in the silo's own process. Headers and entries are immutable values, so
/// they are kept as they are; a write replaces the whole stored ledger at once, so a reader never
/// sees one half made, and versions are checked as in PostgreSQL. Wake times are kept beside them.
/// </summary>
public sealed class InProcessLedgerStore : ILedgerStore
{
    private readonly ConcurrentDictionary<string, StoredLedger<object, object>> ledgers = new();
    private readonly WakeTimes<string> wakes = new();

    public Task<StoredLedger<THeader, TEntry>?> Read<THeader, TEntry>(string ledger) =>
        Task.FromResult(ledgers.TryGetValue(ledger, out var stored)
            ? new StoredLedger<THeader, TEntry>(
                stored.Version,
                (THeader)stored.Header,
                stored.Entries.ToImmutableDictionary(entry => entry.Key, entry => (TEntry)entry.Value),
                stored.WakeAt)
            : null);

    public Task<long> Write<THeader, TEntry>(
        string ledger, long? expectedVersion, THeader header, IReadOnlyDictionary<string, TEntry?> changes, DateTimeOffset? wakeAt = null)
        where TEntry : class
    {
        var written = ledgers.AddOrUpdate(
            ledger,
            _ => expectedVersion is null ? Next(null, header!, changes, wakeAt) : throw StorageConflict.Writing($"ledger {ledger}", expectedVersion),
            (_, stored) => stored.Version == expectedVersion ? Next(stored, header!, changes, wakeAt) : throw StorageConflict.Writing($"ledger {ledger}", expectedVersion));
        // Two writes of one ledger can only race if the second is a conflict, which throws above.
        wakes.Set(ledger, wakeAt);
        return Task.FromResult(written.Version);
    }

    public Task<IReadOnlyList<string>> Due(DateTimeOffset now, int limit) => Task.FromResult(wakes.Due(_ => true, now, limit));

    public Task Postpone(IReadOnlyList<string> ledgers, DateTimeOffset due, DateTimeOffset until)
    {
        wakes.Postpone(ledgers, due, until);
        return Task.CompletedTask;
    }

    private static StoredLedger<object, object> Next<TEntry>(
        StoredLedger<object, object>? stored, object header, IReadOnlyDictionary<string, TEntry?> changes, DateTimeOffset? wakeAt)
        where TEntry : class
    {
        var entries = stored?.Entries ?? ImmutableDictionary<string, object>.Empty;
        foreach (var (key, entry) in changes)
            entries = entry is null ? entries.Remove(key) : entries.SetItem(key, entry);
        return new StoredLedger<object, object>((stored?.Version ?? 0) + 1, header, entries, wakeAt);
    }
}
