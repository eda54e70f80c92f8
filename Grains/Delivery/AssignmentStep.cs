namespace Orders.Grains.Delivery;

/// <summary>One step of a driver's delivery of one order, as the driver's list stores it: a row per step.</summary>
[GenerateSerializer, Immutable, Alias("orders.AssignmentStep")]
public sealed record AssignmentStep(
    [property: Id(0)] string OrderId,
    [property: Id(1)] DeliveryStatus Status,
    [property: Id(2)] DateTimeOffset At);
