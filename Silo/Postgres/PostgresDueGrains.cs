using Orders.Grains.Wakes;

namespace Orders.Silo.Postgres;

/// <summary>The grains whose stored wake time has passed, read from <c>grain_state</c>'s wake index.</summary>
public sealed class PostgresDueGrains(string serviceId, NpgsqlDataSource database) : IDueGrains
{
    public async Task<IReadOnlyList<GrainId>> Due(string stateName, DateTimeOffset now, int limit)
    {
        await using var command = database.Statement(GrainStateSql.Due, serviceId, stateName, now.ToUniversalTime(), limit);
        var due = new List<GrainId>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            due.Add(GrainId.Parse(reader.GetString(0)));
        return due;
    }

    public async Task Postpone(string stateName, IReadOnlyList<GrainId> grainIds, DateTimeOffset due, DateTimeOffset until)
    {
        await using var command = database.Statement(
            GrainStateSql.Postpone, serviceId, stateName, grainIds.Select(grainId => grainId.ToString()).ToArray(), due.ToUniversalTime(), until.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }
}
