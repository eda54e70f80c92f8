namespace Orders.Grains.Ledgers;

/// <summary>
/// Grain state kept in two parts that are written together: a small header, rewritten on every
/// write, and entries by key, of which a write carries only those that changed. It is for a grain
/// whose state holds a collection that grows with traffic and must change in one step with the
/// rest: a product's stock, with a hold per order. Written whole as grain state, that stock grew
/// with every order (557 KB a write after 13,000 flash-sale orders).
/// </summary>
/// <remarks>
/// Versioned like grain state: a write names the version it read and lands, header and entries
/// together, only if storage still holds that version, so a second activation of the same grain
/// cannot write over the first.
/// </remarks>
public interface ILedgerStore
{
    /// <summary>The ledger as last written, or null if it never was.</summary>
    Task<StoredLedger<THeader, TEntry>?> Read<THeader, TEntry>(string ledger);

    /// <summary>
    /// Writes the header and the changed entries (a null entry removes its key) if the ledger is
    /// still at <paramref name="expectedVersion"/> (null: never written), and returns the new version.
    /// The ledger's wake time becomes <paramref name="wakeAt"/> (null: none), in the same write.
    /// </summary>
    /// <exception cref="Orleans.Storage.InconsistentStateException">Storage holds another version; nothing was written.</exception>
    Task<long> Write<THeader, TEntry>(
        string ledger, long? expectedVersion, THeader header, IReadOnlyDictionary<string, TEntry?> changes, DateTimeOffset? wakeAt = null)
        where TEntry : class;

    /// <summary>
    /// Up to <paramref name="limit"/> ledgers whose wake time is at or before <paramref name="now"/>,
    /// the longest due first. A grain's ledger is named by its grain's id, so the name says whom to wake.
    /// </summary>
    Task<IReadOnlyList<string>> Due(DateTimeOffset now, int limit);

    /// <summary>Moves the wake time of each of <paramref name="ledgers"/> to <paramref name="until"/>, unless it was moved past <paramref name="due"/> since.</summary>
    Task Postpone(IReadOnlyList<string> ledgers, DateTimeOffset due, DateTimeOffset until);
}
