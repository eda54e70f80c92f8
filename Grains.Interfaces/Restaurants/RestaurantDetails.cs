namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantDetails")]
public sealed record RestaurantDetails(
    [property: Id(0)] string RestaurantId,
    [property: Id(1)] RestaurantProfile Profile,
    [property: Id(2)] ImmutableArray<string> Menu,
    [property: Id(3)] long Version)
{
    /// <summary>The most products a restaurant has, and so the most its menu lists.</summary>
    public const int MaxMenuSize = 1000;

    [Id(4)] public RestaurantSettings Settings { get; init; } = RestaurantSettings.Default;

    /// <summary>
    /// Every product created for the restaurant, on its menu or not: those its renames and menu
    /// changes reach (<see cref="Events.RestaurantChanged"/>). The menu lists some or all of them.
    /// </summary>
    [Id(5)] public ImmutableArray<string> Products { get; init; } = [];
}
