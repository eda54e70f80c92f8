namespace Orders.Grains.Events;

[GenerateSerializer, Immutable, Alias("orders.OrderCancelled")]
public sealed record OrderCancelled(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] ImmutableArray<string> ProductIds,
    [property: Id(3)] string Reason) : DomainEvent(Header);
