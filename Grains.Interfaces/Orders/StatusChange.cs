namespace Orders.Grains.Orders;

[GenerateSerializer, Immutable, Alias("orders.StatusChange")]
public sealed record StatusChange(
    [property: Id(0)] OrderStatus Status,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason);
