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

    /// <summary>The restaurant's products its menu does not list (SetMenu took them off), which still follow its renames.</summary>
    [Id(5)]
    public ImmutableArray<string> OffMenu
    {
        // A state stored before the field existed comes without it (Orleans does not run initializers).
        get => field.IsDefault ? [] : field;
        init;
    }

    /// <summary>Every product created for the restaurant, on its menu or off it.</summary>
    public ImmutableArray<string> Products => [.. Menu, .. OffMenu];
}
