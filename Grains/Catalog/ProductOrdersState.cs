namespace Orders.Grains.Catalog;

[GenerateSerializer, Immutable, Alias("orders.ProductOrdersState")]
public sealed record ProductOrdersState
{
    // Id 0 held the open orders, rewritten on every order event; then they were stored an order
    // per row; now none are kept (open orders take updates from their silo's product cache).

    // Id 1 held per-order dedupe marks, which grew with every order of the product; see ProductOrdersGrain.Apply.

    /// <summary>The newest details a ProductUpdated brought; null before the first.</summary>
    [Id(2)] public ProductDetails? Latest { get; init; }

    /// <summary>Whether <paramref name="product"/> is newer than anything seen here; an older or repeated update changes nothing.</summary>
    public bool IsNewer(ProductDetails product) => product.Version > (Latest?.Version ?? 0);
}
