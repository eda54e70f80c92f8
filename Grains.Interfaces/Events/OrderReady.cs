namespace Orders.Grains.Events;

[GenerateSerializer, Immutable, Alias("orders.OrderReady")]
public sealed record OrderReady(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string RestaurantId) : DomainEvent(Header), ICustomerEvent;
