namespace Orders.Grains.Ledgers;

/// <summary>
/// A grain's side of its ledger (<see cref="ILedgerStore"/>). The grain keeps its state in memory
/// and tells the ledger the new header and the entry a change touched; the ledger writes only
/// those, and concurrent changes share a write (<see cref="GroupCommit"/>). Each write also stores
/// when the grain must next be woken, should its activation be gone by then; the silos' wake
/// sweeper calls <see cref="IWakeable.Wake"/> once that time has passed.
/// </summary>
public sealed class DurableLedger<THeader, TEntry> where THeader : class where TEntry : class
{
    private readonly ILedgerStore store;
    private readonly string name;
    private readonly Func<DateTimeOffset?> wakeAt;
    private readonly GroupCommit commits;
    private Dictionary<string, TEntry?> changes = [];
    private THeader? header;
    private long? version;
    private DateTimeOffset? storedWake;

    /// <param name="owner">The grain whose ledger it is: the ledger is named by its grain id (<c>inventory/p-17</c>), so the sweeper knows whom to wake.</param>
    /// <param name="wakeAt">When the grain must next be woken as it stands now (null: never); asked at each write.</param>
    public DurableLedger(ILedgerStore store, IGrainBase owner, Func<DateTimeOffset?> wakeAt)
    {
        this.store = store;
        this.wakeAt = wakeAt;
        name = owner.GrainContext.GrainId.ToString();
        commits = new GroupCommit(Write, owner);
    }

    /// <summary>Reads the ledger as last written (null if never); call it once, on activation.</summary>
    public async Task<StoredLedger<THeader, TEntry>?> Load()
    {
        var stored = await store.Read<THeader, TEntry>(name);
        (version, header, storedWake) = (stored?.Version, stored?.Header, stored?.WakeAt);
        return stored;
    }

    /// <summary>Records a new header; returns when a write that includes it is durable.</summary>
    public Task Save(THeader next)
    {
        header = next;
        return commits.Changed();
    }

    /// <summary>Records a new header with the one entry that changed with it (null: removed); returns when durable.</summary>
    public Task Save(THeader next, string key, TEntry? entry)
    {
        changes[key] = entry;
        return Save(next);
    }

    /// <summary>Returns when everything recorded so far is durable.</summary>
    public Task Durable() => commits.Durable();

    /// <summary>The wake time storage holds, as this activation last read or wrote it.</summary>
    public DateTimeOffset? StoredWake => storedWake;

    /// <summary>
    /// Stores the wake time the grain calls for now, with <paramref name="current"/> (the header as
    /// it stands, which may have changed in ways not worth a write of their own), if storage holds
    /// another time; returns when that is durable.
    /// </summary>
    public Task StoreWake(THeader current) => wakeAt() == storedWake ? Durable() : Save(current);

    private async Task Write()
    {
        var (writing, changed, wake) = (header!, changes, wakeAt());
        changes = [];
        version = await store.Write(name, version, writing, changed, wake);
        storedWake = wake;
    }
}
