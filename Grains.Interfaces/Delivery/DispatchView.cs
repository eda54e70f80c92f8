namespace Orders.Grains.Delivery;

/// <summary>A zone's dispatch board: drivers free to take an order, and orders waiting for one.</summary>
[GenerateSerializer, Immutable, Alias("orders.DispatchView")]
public sealed record DispatchView(
    [property: Id(0)] ImmutableArray<string> FreeDrivers,
    [property: Id(1)] ImmutableArray<string> WaitingOrders,
    [property: Id(2)] ImmutableDictionary<string, string> OrderByDriver);
