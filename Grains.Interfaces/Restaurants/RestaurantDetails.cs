namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantDetails")]
public sealed record RestaurantDetails(
    [property: Id(0)] string RestaurantId,
    [property: Id(1)] RestaurantProfile Profile,
    [property: Id(2)] ImmutableArray<string> Menu,
    [property: Id(3)] long Version)
{
    [Id(4)] public RestaurantSettings Settings { get; init; } = RestaurantSettings.Default;
}
