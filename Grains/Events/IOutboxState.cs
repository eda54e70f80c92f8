namespace Orders.Grains.Events;

/// <summary>A grain state that carries an outbox of the events its changes raised.</summary>
/// <remarks>Unconstrained, unlike <see cref="EventOutbox{TState}"/>, so a storage generic over any state can ask whether one is.</remarks>
public interface IOutboxState<TSelf>
{
    Outbox Outbox { get; }

    TSelf WithOutbox(Outbox outbox);
}
