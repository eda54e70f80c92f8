namespace Orders.Grains.Catalog;

[GenerateSerializer, Immutable, Alias("orders.ProductDetails")]
public sealed record ProductDetails(
    [property: Id(0)] string ProductId,
    [property: Id(1)] string RestaurantId,
    [property: Id(2)] ProductInfo Info,
    [property: Id(3)] RestaurantSnapshot Restaurant,
    [property: Id(4)] long Version)
{
    /// <summary>Whether its restaurant's menu lists it; an order for it is refused otherwise.</summary>
    [Id(5)] public bool OnMenu { get; init; } = true;
}
