using System.Globalization;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Orders.Silo.Postgres;

/// <summary>
/// Grain state in PostgreSQL, keyed by the full grain id and serialized with Orleans' binary
/// serializer. The ETag is the row's version: every write names the version it read, and a
/// write that finds another version fails with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class PostgresGrainStorage(
    string serviceId,
    NpgsqlDataSource database,
    Serializer serializer,
    IActivatorProvider activators) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = Command(GrainStateSql.Read, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return;

        var payload = reader.GetFieldValue<byte[]>(1);
        grainState.ETag = reader.GetInt32(0).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload.Length > 0;
        if (grainState.RecordExists)
            grainState.State = serializer.Deserialize<T>(payload);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Store(stateName, grainId, grainState, serializer.SerializeToArray(grainState.State));
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
            await Store(stateName, grainId, grainState, []);
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
    }

    private async Task Store<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[] payload)
    {
        var expected = grainState.ETag;
        await using var command = Command(expected is null ? GrainStateSql.Insert : GrainStateSql.Update, stateName, grainId);
        if (expected is null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = payload });
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter { Value = int.Parse(expected, CultureInfo.InvariantCulture) });
            command.Parameters.Add(new NpgsqlParameter { Value = payload });
        }

        var version = await command.ExecuteScalarAsync()
            ?? throw new InconsistentStateException(
                $"Version conflict writing {stateName} of {grainId}: storage no longer holds version {expected ?? "(none)"}",
                storedEtag: "unknown",
                currentEtag: expected);
        grainState.ETag = ((int)version).ToString(CultureInfo.InvariantCulture);
    }

    private NpgsqlCommand Command(string sql, string stateName, GrainId grainId)
    {
        var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        return command;
    }
}
