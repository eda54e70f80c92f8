using Npgsql;
using Orders.Silo.Postgres;

namespace Orders.Tests.Infrastructure;

/// <summary>Changes the ledger table directly, to play what a grain's own calls cannot.</summary>
public static class LedgerTable
{
    /// <summary>
    /// Moves a ledger's version on behind the back of the grain holding it, as a second activation's
    /// write would: that grain's next write then fails, and its next activation reads the ledger as it was.
    /// </summary>
    public static Task MoveOnBehindTheGrainsBack(string serviceId, string ledger) => SetVersion(serviceId, ledger, "version + 1");

    /// <summary>Gives a ledger the version it would have after <paramref name="writes"/> writes.</summary>
    public static Task CountWrites(string serviceId, string ledger, long writes) =>
        SetVersion(serviceId, ledger, writes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task SetVersion(string serviceId, string ledger, string version)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.Statement($"UPDATE ledgers SET version = {version} WHERE service_id = $1 AND ledger = $2", serviceId, ledger);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
