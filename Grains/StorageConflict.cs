using System.Globalization;
using Orleans.Storage;

namespace Orders.Grains;

/// <summary>
/// The failure of a versioned write (a grain's state, a ledger) that found another version in
/// storage, in the words grain storage uses, so that every store's conflict reads alike.
/// </summary>
public static class StorageConflict
{
    public static InconsistentStateException Writing(string what, long? expectedVersion) =>
        Writing(what, expectedVersion?.ToString(CultureInfo.InvariantCulture));

    public static InconsistentStateException Writing(string what, string? expectedVersion) =>
        new($"Version conflict writing {what}: storage no longer holds version {expectedVersion ?? "(none)"}",
            storedEtag: "unknown",
            currentEtag: expectedVersion);
}
