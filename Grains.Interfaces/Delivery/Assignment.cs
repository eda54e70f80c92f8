namespace Orders.Grains.Delivery;

/// <summary>One order a driver was given, and how far its delivery has come.</summary>
[GenerateSerializer, Immutable, Alias("orders.Assignment")]
public sealed record Assignment(
    [property: Id(0)] string OrderId,
    [property: Id(1)] DeliveryStatus Status,
    [property: Id(2)] DateTimeOffset AssignedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt);
