using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orders.Silo.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// One queued row as the pulling agent sees it: the token is the read's (<see cref="ReadTokens"/>),
/// <see cref="RowId"/> names the row an ack deletes.
/// </summary>
[GenerateSerializer, Alias("orders.PostgresBatchContainer")]
public sealed class PostgresBatchContainer(StreamId streamId, IReadOnlyList<object> events, EventSequenceTokenV2 token, long rowId)
    : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public IReadOnlyList<object> Events { get; } = events;

    [Id(2)] public EventSequenceTokenV2 Token { get; } = token;

    [Id(3)] public long RowId { get; } = rowId;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => BatchEvents.OfType<T>(Events, Token);

    // Trace context travels in each event's header, not in the request context.
    public bool ImportRequestContext() => false;
}
