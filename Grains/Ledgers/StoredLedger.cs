namespace Orders.Grains.Ledgers;

/// <summary>A ledger as storage holds it: its version, its header and every entry by key.</summary>
public sealed record StoredLedger<THeader, TEntry>(long Version, THeader Header, ImmutableDictionary<string, TEntry> Entries);
