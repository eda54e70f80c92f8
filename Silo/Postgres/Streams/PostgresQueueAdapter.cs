using Orleans.Serialization;
using Orleans.Streams;
using Orders.Silo.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>Publishes into the stream's queue and creates the readers the pulling agents use.</summary>
internal sealed class PostgresQueueAdapter(
    string name,
    PostgresQueues queues,
    StreamEventWriter writer,
    Func<QueueId, IQueueAdapterReceiver> createReceiver,
    Serializer serializer) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        QueueAdapterContract.RefusePublisherToken(token);

        var payload = serializer.SerializeToArray(events.Cast<object>().ToList());
        return writer.Write(QueuedEvent.On(queues, streamId, payload));
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
