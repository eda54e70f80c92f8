namespace Orders.Grains.Events;

[GenerateSerializer, Immutable, Alias("orders.OrderPaid")]
public sealed record OrderPaid(
    EventHeader Header,
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string RestaurantId,
    [property: Id(3)] Money Total) : DomainEvent(Header), ICustomerEvent
{
    /// <summary>
    /// Whether the order waits for its restaurant's answer, listed among its pending orders; not
    /// when the restaurant's settings answered it in the same write (accepted automatically, or
    /// rejected while closed).
    /// </summary>
    [Id(4)] public bool AwaitsAnswer { get; init; }
}
