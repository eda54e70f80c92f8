using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Orders.Silo.Streams;

/// <summary>What both providers' batch containers hand a subscriber from the events of one publish.</summary>
internal static class BatchEvents
{
    /// <summary>The events of type <typeparamref name="T"/>, each with the batch's token for its position in the batch.</summary>
    public static IEnumerable<Tuple<T, StreamSequenceToken>> OfType<T>(IReadOnlyList<object> events, EventSequenceTokenV2 token) =>
        events.Select((item, index) => (item, index))
            .Where(pair => pair.item is T)
            .Select(pair => Tuple.Create((T)pair.item, (StreamSequenceToken)token.CreateSequenceTokenForEvent(pair.index)));
}
