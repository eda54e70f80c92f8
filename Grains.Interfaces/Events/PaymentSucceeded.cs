namespace Orders.Grains.Events;

[GenerateSerializer, Immutable, Alias("orders.PaymentSucceeded")]
public sealed record PaymentSucceeded(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] Money Amount,
    [property: Id(2)] string ChargeReference) : DomainEvent(Header);
