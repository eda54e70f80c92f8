using Orders.Grains.Orders;

namespace Orders.Grains.Events;

/// <summary>
/// An order ended without being delivered: cancelled (by the customer, its restaurant or a
/// timeout) or its payment failed. Once it was accepted, its kitchen and its driver are freed by it;
/// the refund and the stock the order settles itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.OrderCancelled")]
public sealed record OrderCancelled(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] ImmutableArray<string> ProductIds,
    [property: Id(3)] string Reason,
    [property: Id(4)] string RestaurantId,
    [property: Id(5)] string Zone,
    [property: Id(6)] OrderStatus Outcome,
    [property: Id(7)] OrderStatus LeftStatus) : DomainEvent(Header), ICustomerEvent;
