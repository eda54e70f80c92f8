namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantProfile")]
public sealed record RestaurantProfile([property: Id(0)] string Name, [property: Id(1)] string Address);
