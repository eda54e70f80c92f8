using Orders.Grains.IdSets;

namespace Orders.Silo.Postgres;

/// <summary>
/// Id sets in PostgreSQL, a row per member. Concurrent changes to any sets share one statement
/// and one commit (<see cref="StatementBatcher{TRequest,TResult}"/>).
/// </summary>
public sealed class PostgresIdSets : IIdSetStore, IAsyncDisposable
{
    private const int BatchSize = 256;
    private const int FlushLoops = 2;

    private readonly string serviceId;
    private readonly NpgsqlDataSource database;
    private readonly StatementBatcher<Change, bool> changes;

    public PostgresIdSets(string serviceId, NpgsqlDataSource database)
    {
        this.serviceId = serviceId;
        this.database = database;
        changes = new StatementBatcher<Change, bool>(Apply, change => (change.Set, change.Id), BatchSize, FlushLoops);
    }

    public async Task<ImmutableHashSet<string>> Read(string set)
    {
        await using var command = database.Statement(IdSetSql.Read, serviceId, set);
        await using var reader = await command.ExecuteReaderAsync();
        var members = ImmutableHashSet.CreateBuilder<string>();
        while (await reader.ReadAsync())
            members.Add(reader.GetString(0));
        return members.ToImmutable();
    }

    public Task Add(string set, string id) => changes.Run(new Change(set, id, Added: true));

    public Task Remove(string set, string id) => changes.Run(new Change(set, id, Added: false));

    public ValueTask DisposeAsync() => changes.DisposeAsync();

    private async Task<IReadOnlyList<bool>> Apply(IReadOnlyList<Change> batch)
    {
        await using var command = database.Statement(
            IdSetSql.Change,
            serviceId,
            batch.Select(change => change.Set).ToArray(),
            batch.Select(change => change.Id).ToArray(),
            batch.Select(change => change.Added).ToArray());
        await command.ExecuteNonQueryAsync();
        return [.. batch.Select(_ => true)];
    }

    private sealed record Change(string Set, string Id, bool Added);
}
