namespace Orders.Grains.Catalog;

[GenerateSerializer, Immutable, Alias("orders.ProductDetails")]
public sealed record ProductDetails(
    [property: Id(0)] string ProductId,
    [property: Id(1)] string RestaurantId,
    [property: Id(2)] ProductInfo Info,
    [property: Id(3)] RestaurantSnapshot Restaurant,
    [property: Id(4)] long Version)
{
    /// <summary>
    /// Whether its restaurant took it off its menu: an order for it is refused. False by default,
    /// as a new product is on the menu (and a state stored before the field existed reads false).
    /// </summary>
    [Id(5)] public bool OffMenu { get; init; }
}
