using Microsoft.Extensions.Options;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Inserts published events; concurrent publishers share one insert and one commit
/// (<see cref="StatementBatcher{TRequest,TResult}"/>). A publish completes only when its insert
/// has committed.
/// </summary>
public sealed class StreamEventWriter : IAsyncDisposable
{
    private const int FlushLoops = 4;

    private readonly NpgsqlDataSource database;
    private readonly StatementBatcher<QueuedEvent, bool> inserts;

    public StreamEventWriter(NpgsqlDataSource database, IOptions<PostgresStreamOptions> options)
    {
        this.database = database;
        inserts = new StatementBatcher<QueuedEvent, bool>(Insert, queued => queued, options.Value.WriteBatchSize, FlushLoops);
    }

    public Task Write(string queue, string streamNamespace, string streamKey, byte[] payload) =>
        inserts.Run(new QueuedEvent(queue, streamNamespace, streamKey, payload));

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

    // A reference type compared by reference: every publish is its own request, never deferred as a duplicate.
    private sealed class QueuedEvent(string queue, string streamNamespace, string streamKey, byte[] payload)
    {
        public string Queue { get; } = queue;
        public string StreamNamespace { get; } = streamNamespace;
        public string StreamKey { get; } = streamKey;
        public byte[] Payload { get; } = payload;
    }
}
