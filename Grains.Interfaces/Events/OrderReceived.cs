namespace Orders.Grains.Events;

/// <summary>
/// An order was received and stored before anything was reserved for it (PENDING, or rejected at
/// once): its customer lists it, whatever becomes of it. It travels on no stream. No longer
/// raised, since an order's own row lists it; kept so that outboxes an earlier version stored
/// still read.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.OrderReceived")]
public sealed record OrderReceived(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId) : DomainEvent(Header), ICustomerEvent;
