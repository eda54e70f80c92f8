using Orleans.Serialization;
using Orders.Grains.Events;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// The rows a producer's outbox events become in the event provider's queues: one per stream
/// the routing table sends an event to, carrying the event as a publish through the provider
/// would. The grain storage inserts them in the statement that stores the producer's state.
/// </summary>
public sealed class OutboxEventRows
{
    private readonly PostgresQueues queues;
    private readonly Serializer serializer;

    internal OutboxEventRows(PostgresQueues queues, Serializer serializer)
    {
        this.queues = queues;
        this.serializer = serializer;
    }

    // Every grain-state write comes here, most with no events: those allocate nothing.
    internal IReadOnlyList<QueuedEvent> For(ImmutableArray<DomainEvent> events) =>
        events.IsEmpty ? [] : [.. events.SelectMany(Rows)];

    private IEnumerable<QueuedEvent> Rows(DomainEvent domainEvent)
    {
        var routes = EventRoutes.For(domainEvent).ToList();
        if (routes.Count == 0)
            return [];          // filed in lists only (EventProjections): nothing to serialize for a queue
        var payload = serializer.SerializeToArray(new List<object> { domainEvent });
        return routes.Select(stream => QueuedEvent.On(queues, stream, payload));
    }
}
