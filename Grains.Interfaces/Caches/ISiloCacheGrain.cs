using Orders.Grains.Catalog;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Caches;

/// <summary>One silo's caches as a grain, so an update can reach every silo. Key: the silo's address.</summary>
[Alias("orders.ISiloCacheGrain")]
public interface ISiloCacheGrain : IGrainWithStringKey
{
    [Alias("RefreshProduct")]
    Task Refresh(ProductDetails product);

    [Alias("RefreshRestaurant")]
    Task Refresh(RestaurantDetails restaurant);
}
