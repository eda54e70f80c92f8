using Npgsql;

namespace Orders.Tests.Infrastructure;

/// <summary>Reads the grain-state table directly, to see what a grain writes rather than what it answers.</summary>
public static class GrainStateTable
{
    /// <summary>The size in bytes of a grain's stored state, found by its state name and primary key.</summary>
    public static async Task<int> PayloadSize(string serviceId, string stateName, string key)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand(
            "SELECT octet_length(payload) FROM grain_state WHERE service_id = $1 AND state_name = $2 AND grain_id LIKE '%/' || $3");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (int)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no {stateName} state stored for '{key}'"));
    }
}
