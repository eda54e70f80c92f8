using Microsoft.Extensions.Logging;
using Orders.Grains.Catalog;
using Orders.Grains.Placement;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Caches;

/// <summary>
/// Hands new details to the caches of every active silo and returns once each holds them, so
/// what follows the broadcast (new orders priced and open orders read from a silo's copy, a
/// restaurant's settings answered as configured) knows every silo already works from the new details. A silo
/// that does not take them within <see cref="SiloTimeout"/> (dead but not yet declared so, or
/// hung) is logged and left behind rather than failing the broadcast: retried, a product update
/// could outlast its delivery attempts and never reach the caches, and a restaurant's
/// Configure would hold the restaurant for a whole response timeout. Such a silo's copy catches
/// up at its next read after <see cref="SiloCache{TDetails}.MaxAge"/>.
/// </summary>
public sealed partial class SiloBroadcast(IClusterMembershipService membership, IGrainFactory grains, ILogger<SiloBroadcast> logger)
{
    private static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(5);

    public Task ProductUpdated(ProductDetails product) => ToEverySilo(cache => cache.Refresh(product));

    public Task RestaurantChanged(RestaurantDetails restaurant) => ToEverySilo(cache => cache.Refresh(restaurant));

    private Task ToEverySilo(Func<ISiloCacheGrain, Task> refresh) =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(async member =>
            {
                try
                {
                    await refresh(grains.Reference<ISiloCacheGrain>(SiloPinnedPlacement.KeyFor(member.SiloAddress))).WaitAsync(SiloTimeout);
                }
                catch (Exception failure)
                {
                    LogSiloLeftBehind(logger, failure, member.SiloAddress);
                }
            }));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not take new details in time; its cache catches up when its copy ages out")]
    private static partial void LogSiloLeftBehind(ILogger logger, Exception failure, SiloAddress silo);
}
