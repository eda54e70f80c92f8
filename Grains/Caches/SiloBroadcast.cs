using Orders.Grains.Catalog;
using Orders.Grains.Placement;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Caches;

/// <summary>
/// Hands new details to the caches of every active silo and returns once each holds them, so
/// what follows the broadcast (a product's open orders read for their refresh, a restaurant's
/// settings answered as configured) knows every silo already works from the new details. A
/// silo that cannot be reached fails the broadcast, and its caller's retry repeats it.
/// </summary>
public sealed class SiloBroadcast(IClusterMembershipService membership, IGrainFactory grains)
{
    public Task ProductUpdated(ProductDetails product) => ToEverySilo(cache => cache.Refresh(product));

    public Task RestaurantChanged(RestaurantDetails restaurant) => ToEverySilo(cache => cache.Refresh(restaurant));

    private Task ToEverySilo(Func<ISiloCacheGrain, Task> refresh) =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => refresh(grains.Reference<ISiloCacheGrain>(SiloPinnedPlacement.KeyFor(member.SiloAddress)))));
}
