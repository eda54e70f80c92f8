using Orleans.Configuration;
using Orleans.Streams;

namespace Orders.Silo.Streams;

/// <summary>How both providers' queue adapters answer the parts of Orleans' adapter contract they share.</summary>
internal static class QueueAdapterContract
{
    /// <summary>Publishers cannot choose tokens: each queue gives its own as it is read.</summary>
    public static void RefusePublisherToken(StreamSequenceToken? token)
    {
        if (token is not null)
            throw new ArgumentException("this stream provider does not accept sequence tokens from publishers", nameof(token));
    }

    /// <summary>
    /// The pulling agent's cache, sized to hold a busy queue's events while one event fails.
    /// Orleans purges the cache's oldest tenth only once no stream's cursor is in it, and stops
    /// reading the queue once ten tenths are full; an event whose subscriber keeps failing holds
    /// its cursor until it is buried (its attempts, about 100 s), so with Orleans' default of 4,096
    /// events every other stream of its queue stopped within seconds at load until then. 32,768
    /// outlasts the attempts at the lifecycle benchmark's 290 events a second a queue.
    /// </summary>
    public static SimpleQueueCacheOptions Cache => new() { CacheSize = 32_768 };

    /// <summary>How many to read when the agent asks for <paramref name="maxCount"/> (unlimited or not positive: the limit).</summary>
    public static int ReadSize(int maxCount, int limit) =>
        maxCount is QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG or <= 0 ? limit : Math.Min(maxCount, limit);
}
