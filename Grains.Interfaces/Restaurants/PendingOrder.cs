namespace Orders.Grains.Restaurants;

/// <summary>A paid order waiting for its restaurant's answer.</summary>
[GenerateSerializer, Immutable, Alias("orders.PendingOrder")]
public sealed record PendingOrder(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] Money Total,
    [property: Id(3)] DateTimeOffset PaidAt);
