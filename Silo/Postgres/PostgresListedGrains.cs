using Orleans.Runtime;
using Orleans.Serialization;
using Orders.Grains.Lists;

namespace Orders.Silo.Postgres;

/// <summary>The grains a list holds by their own state (<see cref="IListedState"/>), read from <c>grain_state</c>'s list indexes.</summary>
public sealed class PostgresListedGrains(string serviceId, NpgsqlDataSource database, Serializer serializer) : IListedGrains
{
    public async Task<ImmutableArray<string>> In(string list)
    {
        await using var command = database.Statement(GrainStateSql.Listed, serviceId, list);
        var keys = ImmutableArray.CreateBuilder<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(GrainId.Parse(reader.GetString(0)).Key.ToString()!);
        return keys.ToImmutable();
    }

    public async Task<ImmutableArray<T>> StatesListedIn<T>(string stateName, string list)
    {
        await using var command = database.Statement(GrainStateSql.StatesListedIn, serviceId, list, stateName);
        var states = ImmutableArray.CreateBuilder<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            states.Add(serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(0))!);
        return states.ToImmutable();
    }
}
