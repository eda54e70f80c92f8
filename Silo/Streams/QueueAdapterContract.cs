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

    /// <summary>How many to read when the agent asks for <paramref name="maxCount"/> (unlimited or not positive: the limit).</summary>
    public static int ReadSize(int maxCount, int limit) =>
        maxCount is QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG or <= 0 ? limit : Math.Min(maxCount, limit);
}
