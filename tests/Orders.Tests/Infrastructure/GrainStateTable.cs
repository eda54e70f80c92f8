using Npgsql;
using Orders.Silo.Postgres;

namespace Orders.Tests.Infrastructure;

/// <summary>Reads and writes the grain-state table directly, to see what a grain writes rather than what it answers.</summary>
public static class GrainStateTable
{
    /// <summary>The size in bytes of a grain's stored state, found by its state name and primary key.</summary>
    public static async Task<int> PayloadSize(string serviceId, string stateName, string key) =>
        (await Payload(serviceId, stateName, key)).Length;

    /// <summary>A grain's stored state as written, found by its state name and primary key.</summary>
    public static async Task<byte[]> Payload(string serviceId, string stateName, string key) =>
        await Find(serviceId, stateName, key) ?? throw new InvalidOperationException($"no {stateName} state stored for '{key}'");

    /// <summary>Whether a grain ever stored a state, found by its state name and primary key.</summary>
    public static async Task<bool> IsStored(string serviceId, string stateName, string key) =>
        await Find(serviceId, stateName, key) is not null;

    /// <summary>A grain's stored version, which counts its writes, found by its state name and primary key.</summary>
    public static async Task<long> Version(string serviceId, string stateName, string key) =>
        (long?)await Find(serviceId, stateName, key, "version") ?? throw new InvalidOperationException($"no {stateName} state stored for '{key}'");

    private static async Task<byte[]?> Find(string serviceId, string stateName, string key) =>
        (byte[]?)await Find(serviceId, stateName, key, "payload");

    private static async Task<object?> Find(string serviceId, string stateName, string key, string column)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.Statement(
            $"SELECT {column} FROM grain_state WHERE service_id = $1 AND state_name = $2 AND grain_id LIKE '%/' || $3",
            serviceId, stateName, key);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Stores a state for a grain behind the back of its activation, as another activation's
    /// first write would (the activation's own first write then meets a conflict), or as a silo
    /// lost at the wrong moment left it: by default an empty one.
    /// </summary>
    public static async Task WriteBehindTheGrainsBack(string serviceId, string stateName, string grainId, byte[]? payload = null)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.Statement(
            "INSERT INTO grain_state (service_id, state_name, grain_id, version, payload) VALUES ($1, $2, $3, 1, $4)",
            serviceId, stateName, grainId, payload ?? []);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Stores <paramref name="count"/> orders' states that no activation can read, due to be woken
    /// since <paramref name="due"/>, as a release that changed the state's shape incompatibly could leave them.
    /// </summary>
    public static async Task StoreUnreadableOrders(string serviceId, int count, DateTimeOffset due)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.Statement(
            "INSERT INTO grain_state (service_id, state_name, grain_id, version, payload, wake_at) " +
            "SELECT $1, 'order', 'order/unreadable-' || gen_random_uuid(), 1, '\\xff00ff00'::bytea, $2 FROM generate_series(1, $3)",
            serviceId, due.ToUniversalTime(), count);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many of the orders <see cref="StoreUnreadableOrders"/> stored are due to be woken by <paramref name="at"/>.</summary>
    public static async Task<long> UnreadableOrdersDueBy(string serviceId, DateTimeOffset at)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.Statement(
            "SELECT count(*) FROM grain_state WHERE service_id = $1 AND grain_id LIKE 'order/unreadable-%' AND wake_at <= $2",
            serviceId, at.ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Moves a grain's stored version on behind its back, as a second activation's write would: its next write fails.</summary>
    public static Task MoveOnBehindTheGrainsBack(string serviceId, string stateName, string grainId) =>
        SetVersion(serviceId, stateName, grainId, "version + 1");

    /// <summary>Gives a grain's stored state the version it would have after <paramref name="writes"/> writes.</summary>
    public static Task CountWrites(string serviceId, string stateName, string grainId, long writes) =>
        SetVersion(serviceId, stateName, grainId, writes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task SetVersion(string serviceId, string stateName, string grainId, string version)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.Statement(
            $"UPDATE grain_state SET version = {version} WHERE service_id = $1 AND state_name = $2 AND grain_id = $3",
            serviceId, stateName, grainId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
