namespace Orders.Grains.Events;

[GenerateSerializer, Immutable, Alias("orders.PaymentFailed")]
public sealed record PaymentFailed(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string Reason) : DomainEvent(Header);
