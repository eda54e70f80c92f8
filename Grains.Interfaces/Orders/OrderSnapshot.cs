namespace Orders.Grains.Orders;

/// <summary>An order as its readers see it.</summary>
/// <param name="Zone">
/// The delivery zone its restaurant gave it when it accepted it, where dispatch holds it; the
/// default zone before. Null in a snapshot from a silo older than the field.
/// </param>
[GenerateSerializer, Immutable, Alias("orders.OrderSnapshot")]
public sealed record OrderSnapshot(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string RestaurantId,
    [property: Id(3)] OrderStatus Status,
    [property: Id(4)] ImmutableArray<OrderLine> Lines,
    [property: Id(5)] Money Total,
    [property: Id(6)] ImmutableArray<StatusChange> History,
    [property: Id(7)] string RestaurantName,
    [property: Id(8)] string? DriverId,
    [property: Id(9)] string? Zone);
