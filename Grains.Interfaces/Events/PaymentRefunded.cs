namespace Orders.Grains.Events;

[GenerateSerializer, Immutable, Alias("orders.PaymentRefunded")]
public sealed record PaymentRefunded(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] string RefundReference) : DomainEvent(Header), ICustomerEvent;
