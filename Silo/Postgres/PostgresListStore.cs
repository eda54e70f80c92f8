using Orleans.Serialization;
using Orders.Grains.Lists;

namespace Orders.Silo.Postgres;

/// <summary>
/// Grain lists in PostgreSQL, a row per entry, each entry serialized with Orleans' binary
/// serializer. Concurrent changes to any lists share one statement and one commit
/// (<see cref="StatementBatcher{TRequest,TResult}"/>).
/// </summary>
public sealed class PostgresListStore : IListStore, IAsyncDisposable
{
    private readonly string serviceId;
    private readonly NpgsqlDataSource database;
    private readonly Serializer serializer;
    private readonly StatementBatcher<ListRow, bool> changes;

    public PostgresListStore(string serviceId, NpgsqlDataSource database, Serializer serializer)
    {
        this.serviceId = serviceId;
        this.database = database;
        this.serializer = serializer;
        changes = new StatementBatcher<ListRow, bool>("list_entries.write", Apply, change => (change.List, change.Key));
    }

    public Task<ImmutableArray<T>> Read<T>(string list) =>
        database.Rows(ListSql.Read, row => serializer.Deserialize<T>(row.GetFieldValue<byte[]>(0))!, serviceId, list);

    public Task Add<T>(string list, string key, T entry) => changes.Run(new ListRow(list, key, serializer.SerializeToArray(entry)));

    public ValueTask DisposeAsync() => changes.DisposeAsync();

    private async Task<IReadOnlyList<bool>> Apply(IReadOnlyList<ListRow> batch)
    {
        await using var command = database.Statement(
            ListSql.Add,
            serviceId,
            batch.Select(change => change.List).ToArray(),
            batch.Select(change => change.Key).ToArray(),
            batch.Select(change => change.Payload).ToArray());
        await command.ExecuteNonQueryAsync();
        return [.. batch.Select(_ => true)];
    }
}
