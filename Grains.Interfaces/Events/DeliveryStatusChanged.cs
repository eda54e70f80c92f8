using Orders.Grains.Delivery;

namespace Orders.Grains.Events;

/// <summary>
/// A delivery moved on. Dispatch raises Assigned (and Cancelled when it takes an order back from
/// a driver); the order raises the rest as its driver reports them.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.DeliveryStatusChanged")]
public sealed record DeliveryStatusChanged(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string DriverId,
    [property: Id(3)] string Zone,
    [property: Id(4)] DeliveryStatus Status,
    [property: Id(5)] ImmutableArray<string> ProductIds) : DomainEvent(Header), ICustomerEvent;
