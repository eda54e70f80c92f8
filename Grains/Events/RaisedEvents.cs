namespace Orders.Grains.Events;

public static class RaisedEvents
{
    /// <summary>
    /// Records an event of <paramref name="source"/> in <paramref name="next"/>'s outbox, to be
    /// stored with it. A state that keeps its notifications keeps the event's here
    /// (<see cref="EventProjections.Kept"/>), so they are stored together.
    /// </summary>
    public static TState Raise<TState>(this TState next, string source, DateTimeOffset at, Func<EventHeader, DomainEvent> create)
        where TState : IOutboxState<TState>
    {
        var raised = next.WithOutbox(next.Outbox.Add(source, at, create));
        return EventProjections.Kept(raised, raised.Outbox.Pending[^1], at);
    }
}
