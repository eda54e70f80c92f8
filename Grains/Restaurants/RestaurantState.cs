namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantState")]
public sealed record RestaurantState
{
    /// <summary>Null until the restaurant is created.</summary>
    [Id(0)] public RestaurantDetails? Details { get; init; }
}
