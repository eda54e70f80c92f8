namespace Orders.Grains.Events;

/// <summary>
/// An order's payment went through. Field 4 (whether it waited for its restaurant's answer, which
/// listed it among the restaurant's pending orders before its own row did) is no longer
/// written; an event stored with it still reads.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.OrderPaid")]
public sealed record OrderPaid(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string RestaurantId,
    [property: Id(3)] Money Total) : DomainEvent(Header), ICustomerEvent;
