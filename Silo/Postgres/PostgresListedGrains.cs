using Orleans.Serialization;
using Orders.Grains.Lists;

namespace Orders.Silo.Postgres;

/// <summary>The grains a list holds by their own state (<see cref="IListedState"/>), read from <c>grain_state</c>'s list indexes.</summary>
public sealed class PostgresListedGrains(string serviceId, NpgsqlDataSource database, Serializer serializer) : IListedGrains
{
    public Task<ImmutableArray<string>> In(string list) =>
        database.Rows(GrainStateSql.Listed, row => GrainId.Parse(row.GetString(0)).Key.ToString()!, serviceId, list);

    public Task<ImmutableArray<T>> StatesListedIn<T>(string stateName, string list) =>
        database.Rows(GrainStateSql.StatesListedIn, row => serializer.Deserialize<T>(row.GetFieldValue<byte[]>(0))!, serviceId, list, stateName);
}
