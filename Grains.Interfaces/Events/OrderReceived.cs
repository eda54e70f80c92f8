namespace Orders.Grains.Events;

/// <summary>
/// An order was received and stored before anything was reserved for it (PENDING, or rejected at
/// once): its customer lists it, whatever becomes of it. It travels on no stream. Raised until
/// 2026-12-05 (session 33), when an order's own row began to list it; kept so that outboxes
/// stored before then still read.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.OrderReceived")]
public sealed record OrderReceived(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId) : DomainEvent(Header), ICustomerEvent;
