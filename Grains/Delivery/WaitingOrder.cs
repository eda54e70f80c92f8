namespace Orders.Grains.Delivery;

[GenerateSerializer, Immutable, Alias("orders.WaitingOrder")]
public sealed record WaitingOrder([property: Id(0)] string OrderId, [property: Id(1)] string CustomerId);
