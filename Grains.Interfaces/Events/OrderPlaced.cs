using Orders.Grains.Orders;

namespace Orders.Grains.Events;

[GenerateSerializer, Immutable, Alias("orders.OrderPlaced")]
public sealed record OrderPlaced(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string RestaurantId,
    [property: Id(3)] ImmutableArray<OrderLine> Lines,
    [property: Id(4)] Money Total) : DomainEvent(Header), ICustomerEvent;
