namespace Orders.Grains.Catalog;

/// <summary>What a restaurant says about a product: the part that create and update set.</summary>
[GenerateSerializer, Immutable, Alias("orders.ProductInfo")]
public sealed record ProductInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] Money Price,
    [property: Id(3)] bool Available);
