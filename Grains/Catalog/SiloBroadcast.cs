using Orders.Grains.Placement;

namespace Orders.Grains.Catalog;

/// <summary>Hands a product's new details to the product cache of every active silo.</summary>
public sealed class SiloBroadcast(IClusterMembershipService membership, IGrainFactory grains)
{
    public Task ProductUpdated(ProductDetails product) =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => grains.Reference<ISiloProductCacheGrain>(SiloPinnedPlacement.KeyFor(member.SiloAddress)).Refresh(product)));
}
