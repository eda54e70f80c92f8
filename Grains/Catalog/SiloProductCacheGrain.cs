using Orders.Grains.Placement;

namespace Orders.Grains.Catalog;

/// <summary>Lives on the silo its key names and writes into that silo's <see cref="ProductCache"/>.</summary>
[SiloPinnedPlacement]
// Refresh only touches the thread-safe cache, so calls need not queue behind each other.
[Reentrant]
public sealed class SiloProductCacheGrain(ProductCache cache) : Grain, ISiloProductCacheGrain
{
    Task ISiloProductCacheGrain.Refresh(ProductDetails product)
    {
        cache.Put(product);
        return Task.CompletedTask;
    }
}
