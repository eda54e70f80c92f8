using System.Collections.Concurrent;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Orders.Silo.Memory.Streams;

/// <summary>
/// Dev mode's event queues: one in-memory queue per partition of the provider, in the silo's own
/// process. Orleans' memory streams keep their queues in grains, so every publish and every read
/// of the pulling agents was a grain call with the batch serialized; one silo needs neither.
/// Like the rest of dev mode, the queues are lost when the process stops.
/// </summary>
internal sealed class InProcessQueues(string providerName)
{
    /// <summary>As many as Orleans' memory streams have: each is read by its own pulling agent.</summary>
    private const int Partitions = 8;

    private readonly ConcurrentDictionary<QueueId, ConcurrentQueue<(StreamId Stream, IReadOnlyList<object> Events)>> queues = new();
    private long lastToken;

    public HashRingBasedStreamQueueMapper Mapper { get; } =
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = Partitions }, providerName);

    public void Enqueue(StreamId stream, IReadOnlyList<object> events) => Queue(Mapper.GetQueueForStream(stream)).Enqueue((stream, events));

    /// <summary>Takes up to <paramref name="maxCount"/> batches in the order they were published, each with a fresh token.</summary>
    public IList<IBatchContainer> Take(QueueId queueId, int maxCount)
    {
        var queue = Queue(queueId);
        var taken = new List<IBatchContainer>();
        while (taken.Count < maxCount && queue.TryDequeue(out var published))
            taken.Add(new InProcessBatchContainer(published.Stream, published.Events, new EventSequenceTokenV2(Interlocked.Increment(ref lastToken))));
        return taken;
    }

    private ConcurrentQueue<(StreamId Stream, IReadOnlyList<object> Events)> Queue(QueueId queueId) => queues.GetOrAdd(queueId, _ => new());
}
