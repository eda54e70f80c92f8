using Orders.Grains.Caches;

namespace Orders.Grains.Restaurants;

/// <summary>This silo's copy of restaurant details, whose settings say how a paid order is answered (<c>OrderGrain</c>).</summary>
public sealed class RestaurantCache(IGrainFactory grains, TimeProvider clock) : SiloCache<RestaurantDetails>(clock)
{
    protected override Task<RestaurantDetails?> ReadFromOwner(string id) => grains.Reference<IRestaurantGrain>(id).Get();

    protected override string IdOf(RestaurantDetails restaurant) => restaurant.RestaurantId;

    protected override long VersionOf(RestaurantDetails restaurant) => restaurant.Version;
}
