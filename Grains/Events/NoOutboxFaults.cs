namespace Orders.Grains.Events;

public sealed class NoOutboxFaults : IOutboxFaults
{
    public void BeforePublish(DomainEvent pending)
    {
    }
}
