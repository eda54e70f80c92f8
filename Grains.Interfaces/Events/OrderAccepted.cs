namespace Orders.Grains.Events;

/// <summary>The restaurant took the order on: its kitchen starts and dispatch looks for a driver.</summary>
[GenerateSerializer, Immutable, Alias("orders.OrderAccepted")]
public sealed record OrderAccepted(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string RestaurantId,
    [property: Id(3)] string Zone) : DomainEvent(Header), ICustomerEvent;
