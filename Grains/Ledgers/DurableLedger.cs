namespace Orders.Grains.Ledgers;

/// <summary>
/// A grain's side of its ledger (<see cref="ILedgerStore"/>). The grain keeps its state in memory
/// and tells the ledger the new header and the entry a change touched; the ledger writes only
/// those, and concurrent changes share a write (<see cref="GroupCommit"/>).
/// </summary>
public sealed class DurableLedger<THeader, TEntry> where THeader : class where TEntry : class
{
    private readonly ILedgerStore store;
    private readonly string name;
    private readonly GroupCommit commits;
    private Dictionary<string, TEntry?> changes = [];
    private THeader? header;
    private long? version;

    /// <param name="name">The ledger's name, unique across grain types (<c>inventory/p-17</c>).</param>
    public DurableLedger(ILedgerStore store, string name, IGrainBase owner)
    {
        this.store = store;
        this.name = name;
        commits = new GroupCommit(Write, owner);
    }

    /// <summary>Reads the ledger as last written (null if never); call it once, on activation.</summary>
    public async Task<StoredLedger<THeader, TEntry>?> Load()
    {
        var stored = await store.Read<THeader, TEntry>(name);
        version = stored?.Version;
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

    /// <summary>Records a new header with entries written with it; returns when durable.</summary>
    public Task Save(THeader next, IEnumerable<KeyValuePair<string, TEntry>> written)
    {
        foreach (var (key, entry) in written)
            changes[key] = entry;
        return Save(next);
    }

    /// <summary>Returns when everything recorded so far is durable.</summary>
    public Task Durable() => commits.Durable();

    private async Task Write()
    {
        var (writing, changed) = (header!, changes);
        changes = [];
        version = await store.Write(name, version, writing, changed);
    }
}
