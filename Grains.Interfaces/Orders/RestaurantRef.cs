namespace Orders.Grains.Orders;

/// <summary>The restaurant an order is for, with its name as the order last heard it.</summary>
[GenerateSerializer, Immutable, Alias("orders.RestaurantRef")]
public sealed record RestaurantRef([property: Id(0)] string Id, [property: Id(1)] string Name);
