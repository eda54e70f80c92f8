namespace Orders.Grains.Events;

/// <summary>
/// The storage's side of the outbox. A storage that can queue events in the very write that
/// stores the state (PostgreSQL's: one statement, one commit) takes them out of the state here,
/// stores the state without them and hands that back, so the producer finds nothing left to
/// publish. A storage that cannot (dev mode's) keeps them in the state and
/// <see cref="EventOutbox{TState}"/> publishes them after the write.
/// </summary>
public static class OutboxStorage
{
    /// <summary>The state to store, with an empty outbox when it had events, and the events to queue with it.</summary>
    public static (T State, ImmutableArray<DomainEvent> Events) TakeEvents<T>(T state) =>
        state is IOutboxState<T> { Outbox.Pending.IsEmpty: false } producer
            ? (producer.WithOutbox(producer.Outbox with { Pending = [] }), producer.Outbox.Pending)
            : (state, []);
}
