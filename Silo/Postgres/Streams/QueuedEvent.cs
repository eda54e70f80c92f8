namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// One row for <c>stream_events</c>: the serialized events of one stream, in the queue Orleans'
/// hash ring gives that stream. A reference type compared by reference, so a statement batcher
/// never defers one publish as a duplicate of another.
/// </summary>
internal sealed class QueuedEvent(string queue, string streamNamespace, string streamKey, byte[] payload)
{
    public string Queue { get; } = queue;
    public string StreamNamespace { get; } = streamNamespace;
    public string StreamKey { get; } = streamKey;
    public byte[] Payload { get; } = payload;

    public static QueuedEvent On(PostgresQueues queues, StreamId stream, byte[] payload) =>
        new(queues.NameOf(stream), stream.GetNamespace() ?? "", stream.GetKeyAsString(), payload);
}
