using Microsoft.Extensions.Options;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Inserts events published through the provider (<c>OnNextAsync</c>); concurrent publishers
/// share one insert and one commit (<see cref="StatementBatcher{TRequest,TResult}"/>). A publish
/// completes only when its insert has committed. Producer grains do not come this way: their
/// events are queued by the statement that stores their state (<see cref="OutboxEventRows"/>).
/// </summary>
internal sealed class StreamEventWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource database;
    private readonly StatementBatcher<QueuedEvent, bool> inserts;

    public StreamEventWriter(NpgsqlDataSource database, IOptions<PostgresStreamOptions> options)
    {
        this.database = database;
        inserts = new StatementBatcher<QueuedEvent, bool>("stream_events.insert", Insert, queued => queued, options.Value.WriteBatchSize);
    }

    internal Task Write(QueuedEvent queued) => inserts.Run(queued);

    public ValueTask DisposeAsync() => inserts.DisposeAsync();

    private async Task<IReadOnlyList<bool>> Insert(IReadOnlyList<QueuedEvent> batch)
    {
        await using var command = database.Statement(
            StreamSql.Insert,
            batch.Select(queued => queued.Queue).ToArray(),
            batch.Select(queued => queued.StreamNamespace).ToArray(),
            batch.Select(queued => queued.StreamKey).ToArray(),
            batch.Select(queued => queued.Payload).ToArray());
        await command.ExecuteNonQueryAsync();
        return [.. batch.Select(_ => true)];
    }
}
