using Orders.Grains.Catalog;
using Orders.Grains.Placement;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Caches;

/// <summary>Lives on the silo its key names and writes into that silo's caches.</summary>
[SiloPinnedPlacement]
// Refreshes only touch the thread-safe caches, so calls need not queue behind each other.
[Reentrant]
public sealed class SiloCacheGrain(ProductCache products, RestaurantCache restaurants) : Grain, ISiloCacheGrain
{
    Task ISiloCacheGrain.Refresh(ProductDetails product)
    {
        products.Put(product);
        return Task.CompletedTask;
    }

    Task ISiloCacheGrain.Refresh(RestaurantDetails restaurant)
    {
        restaurants.Put(restaurant);
        return Task.CompletedTask;
    }
}
