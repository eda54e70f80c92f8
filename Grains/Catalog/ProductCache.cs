using Orders.Grains.Caches;

namespace Orders.Grains.Catalog;

/// <summary>This silo's copy of product details, which orders are priced from and follow.</summary>
public sealed class ProductCache(IGrainFactory grains, TimeProvider clock) : SiloCache<ProductDetails>(clock)
{
    protected override Task<ProductDetails?> ReadFromOwner(string id) => grains.Reference<IProductGrain>(id).Get();

    protected override string IdOf(ProductDetails product) => product.ProductId;

    protected override long VersionOf(ProductDetails product) => product.Version;
}
