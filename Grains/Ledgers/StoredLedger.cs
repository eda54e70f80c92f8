namespace Orders.Grains.Ledgers;

/// <summary>A ledger as storage holds it: its version, its header, every entry by key and its wake time.</summary>
public sealed record StoredLedger<THeader, TEntry>(long Version, THeader Header, ImmutableDictionary<string, TEntry> Entries, DateTimeOffset? WakeAt = null);
