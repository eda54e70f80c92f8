namespace Orders.Grains.Catalog;

[GenerateSerializer, Immutable, Alias("orders.ProductUpdatesState")]
public sealed record ProductUpdatesState
{
    /// <summary>The newest details a ProductUpdated brought; null before the first.</summary>
    [Id(0)] public ProductDetails? Latest { get; init; }

    /// <summary>Whether <paramref name="product"/> is newer than anything seen here; an older or repeated update changes nothing.</summary>
    public bool IsNewer(ProductDetails product) => product.Version > (Latest?.Version ?? 0);
}
