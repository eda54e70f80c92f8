using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Inserts published events. Concurrent publishers share round trips: a few flush loops each
/// take everything waiting (up to the write batch size) and insert it with one statement, so
/// under load many events commit together while a lone event still goes out at once. A publish
/// completes only when its insert has committed.
/// </summary>
public sealed class StreamEventWriter : IAsyncDisposable
{
    private const int FlushLoops = 4;

    private readonly NpgsqlDataSource database;
    private readonly int batchSize;
    private readonly Channel<PendingEvent> pending = Channel.CreateUnbounded<PendingEvent>();
    private readonly Task[] flushers;

    public StreamEventWriter(NpgsqlDataSource database, IOptions<PostgresStreamOptions> options)
    {
        this.database = database;
        batchSize = options.Value.WriteBatchSize;
        flushers = [.. Enumerable.Range(0, FlushLoops).Select(_ => Task.Run(Flush))];
    }

    public Task Write(string queue, string streamNamespace, string streamKey, byte[] payload)
    {
        var write = new PendingEvent(queue, streamNamespace, streamKey, payload);
        ObjectDisposedException.ThrowIf(!pending.Writer.TryWrite(write), this);
        return write.Committed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await Task.WhenAll(flushers);
    }

    private async Task Flush()
    {
        var batch = new List<PendingEvent>(batchSize);
        while (await pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < batchSize && pending.Reader.TryRead(out var next))
                batch.Add(next);
            if (batch.Count == 0)
                continue;

            try
            {
                await Insert(batch);
                batch.ForEach(write => write.Committed.TrySetResult());
            }
            catch (Exception failure)
            {
                batch.ForEach(write => write.Committed.TrySetException(failure));
            }
        }
    }

    private async Task Insert(List<PendingEvent> batch)
    {
        await using var command = database.CreateCommand(StreamSql.Insert);
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(write => write.Queue).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(write => write.StreamNamespace).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(write => write.StreamKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(write => write.Payload).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    private sealed record PendingEvent(string Queue, string StreamNamespace, string StreamKey, byte[] Payload)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
