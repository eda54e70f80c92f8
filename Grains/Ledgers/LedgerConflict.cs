using System.Globalization;
using Orleans.Storage;

namespace Orders.Grains.Ledgers;

/// <summary>The failure of a ledger write that found another version in storage, in the words grain storage uses.</summary>
public static class LedgerConflict
{
    public static InconsistentStateException Writing(string ledger, long? expectedVersion)
    {
        var expected = expectedVersion?.ToString(CultureInfo.InvariantCulture);
        return new InconsistentStateException(
            $"Version conflict writing ledger {ledger}: storage no longer holds version {expected ?? "(none)"}",
            storedEtag: "unknown",
            currentEtag: expected);
    }
}
