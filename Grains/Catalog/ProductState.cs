namespace Orders.Grains.Catalog;

[GenerateSerializer, Immutable, Alias("orders.ProductState")]
public sealed record ProductState
{
    /// <summary>Null until the product is created.</summary>
    [Id(0)] public ProductDetails? Details { get; init; }
}
