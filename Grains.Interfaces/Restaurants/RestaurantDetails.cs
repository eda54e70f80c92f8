namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantDetails")]
public sealed record RestaurantDetails(
    [property: Id(0)] string RestaurantId,
    [property: Id(1)] RestaurantProfile Profile,
    [property: Id(2)] ImmutableArray<string> Menu,
    [property: Id(3)] long Version)
{
    /// <summary>The most products a menu lists, however they were put on it (SetMenu or CreateProduct).</summary>
    public const int MaxMenuSize = 1000;

    [Id(4)] public RestaurantSettings Settings { get; init; } = RestaurantSettings.Default;
}
