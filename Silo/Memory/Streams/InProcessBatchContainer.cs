using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orders.Silo.Streams;

namespace Orders.Silo.Memory.Streams;

/// <summary>
/// Events of one publish as dev mode's pulling agent sees them. The token is given when the
/// receiver takes the batch, so tokens grow in the order the agent reads, as its cache requires.
/// </summary>
[GenerateSerializer, Alias("orders.InProcessBatchContainer")]
public sealed class InProcessBatchContainer(StreamId streamId, IReadOnlyList<object> events, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public IReadOnlyList<object> Events { get; } = events;

    [Id(2)] public EventSequenceTokenV2 Token { get; } = token;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => BatchEvents.OfType<T>(Events, Token);

    // Trace context travels in each event's header, not in the request context.
    public bool ImportRequestContext() => false;
}
