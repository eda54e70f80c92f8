namespace Orders.Grains.Events;

/// <summary>A grain state that carries an outbox of the events its changes raised.</summary>
public interface IOutboxState<TSelf> where TSelf : IOutboxState<TSelf>
{
    Outbox Outbox { get; }

    TSelf WithOutbox(Outbox outbox);
}
