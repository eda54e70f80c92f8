namespace Orders.Grains.Events;

/// <summary>
/// A seam for fault injection: called after an event's state write and before its publication,
/// which happens only when the storage left the events to the producer (<see cref="OutboxStorage"/>).
/// Production registers <see cref="NoOutboxFaults"/>; tests throw here to play a producer that
/// dies in between.
/// </summary>
public interface IOutboxFaults
{
    void BeforePublish(DomainEvent pending);
}
