namespace Orders.Grains.Catalog;

/// <summary>One product of the catalog. Key: the product id.</summary>
[Alias("orders.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Creates the product for an existing restaurant and adds it to that restaurant's menu.</summary>
    [Alias("Create")]
    Task<Result<ProductDetails>> Create(string restaurantId, ProductInfo info);

    [Alias("Update")]
    Task<Result<ProductDetails>> Update(ProductInfo info);

    /// <summary>The product, or null if it was never created.</summary>
    // Read-only, so it may interleave: a restaurant validating its menu can call it while this
    // product is itself waiting on that restaurant during Create.
    [Alias("Get"), AlwaysInterleave]
    Task<ProductDetails?> Get();
}
