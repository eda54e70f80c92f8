namespace Orders.Grains.Events;

/// <summary>An order's payment went through.</summary>
[GenerateSerializer, Immutable, Alias("orders.OrderPaid")]
public sealed record OrderPaid(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string RestaurantId,
    [property: Id(3)] Money Total) : DomainEvent(Header), ICustomerEvent;
