namespace Orders.Grains.Delivery;

/// <summary>A zone's dispatch board: drivers free to take an order, and orders waiting for one.</summary>
[GenerateSerializer, Immutable, Alias("orders.DispatchView")]
public sealed record DispatchView(
    [property: Id(0)] ImmutableArray<string> FreeDrivers,
    [property: Id(1)] ImmutableArray<string> WaitingOrders,
    [property: Id(2)] ImmutableDictionary<string, string> OrderByDriver)
{
    /// <summary>Whether the order waits on the board or is with a driver: whether dispatch has heard of it, and not yet of its end.</summary>
    public bool Holds(string orderId) => WaitingOrders.Contains(orderId) || OrderByDriver.ContainsValue(orderId);
}
