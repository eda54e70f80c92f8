using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Orders.Grains.Catalog;
using Orders.Grains.Placement;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Caches;

/// <summary>
/// Hands new details to the caches of every active silo and returns once each holds them, so
/// what follows the broadcast (new orders priced and open orders read from a silo's copy, a
/// restaurant's settings answered as configured) knows every silo already works from the new details. A silo
/// that does not take them within <see cref="SiloTimeout"/> (dead but not yet declared so, hung,
/// or joined a moment ago and not yet known to the others' placement) is logged and left behind
/// rather than holding up the broadcast: waited for, a product update could outlast its delivery
/// attempts and never reach the caches, and a restaurant's Configure would hold the restaurant
/// for a whole response timeout. Such a silo is tried again off the broadcast (<see cref="CatchUp"/>)
/// until it takes them or leaves; a restaurant's settings have no second way to it, and it would
/// answer from the old ones (a closed restaurant accepting orders) until its copy aged out at
/// <see cref="SiloCache{TDetails}.MaxAge"/>, when its next read catches it up whatever happens.
/// </summary>
public sealed partial class SiloBroadcast(IClusterMembershipService membership, IGrainFactory grains, ILogger<SiloBroadcast> logger)
{
    private static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A silo left behind, tried again until its copies would have aged out anyway.</summary>
    private static readonly ResiliencePipeline CatchUp = Backoff.Until(SiloCache<RestaurantDetails>.MaxAge, failure => failure is not OperationCanceledException);

    /// <summary>The silos left behind, each with the details it has yet to take.</summary>
    private readonly ConcurrentDictionary<SiloAddress, MissedRefreshes> behind = new();

    public Task ProductUpdated(ProductDetails product) =>
        ToEverySilo(new CacheRefresh($"product/{product.ProductId}", product.Version, cache => cache.Refresh(product)));

    public Task RestaurantChanged(RestaurantDetails restaurant) =>
        ToEverySilo(new CacheRefresh($"restaurant/{restaurant.RestaurantId}", restaurant.Version, cache => cache.Refresh(restaurant)));

    private Task ToEverySilo(CacheRefresh refresh) =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(async member =>
            {
                try
                {
                    await refresh.To(Cache(member.SiloAddress)).WaitAsync(SiloTimeout);
                }
                catch (Exception failure)
                {
                    LogSiloLeftBehind(logger, failure, member.SiloAddress);
                    LeftBehind(member.SiloAddress, refresh);
                }
            }));

    private void LeftBehind(SiloAddress silo, CacheRefresh refresh)
    {
        var missed = behind.GetOrAdd(silo, _ => new MissedRefreshes());
        if (!missed.Add(refresh))
            return;
        // Off the broadcast's caller, whose turn (a grain's) must not wait for it, and out of its
        // trace, which would otherwise hold minutes of tries.
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(() => TryAgain(silo, missed));
    }

    private async Task TryAgain(SiloAddress silo, MissedRefreshes missed)
    {
        bool stillMember;
        try
        {
            stillMember = await CatchUp.ExecuteAsync(async cancellationToken =>
            {
                while (missed.Next() is { Count: > 0 } pending)
                {
                    // One that left the cluster has no copy to mend; one that comes back starts with none.
                    if (membership.CurrentSnapshot.GetSiloStatus(silo) != SiloStatus.Active)
                        return false;
                    foreach (var refresh in pending)
                    {
                        await refresh.To(Cache(silo)).WaitAsync(SiloTimeout, cancellationToken);
                        missed.Took(refresh);
                    }
                }
                return true;
            });
        }
        catch (Exception failure)
        {
            LogSiloStillBehind(logger, failure, silo);
            missed.GiveUp();
            return;
        }

        if (stillMember)
        {
            // Nothing left: the next broadcast to leave the silo behind starts another catch-up.
            LogSiloCaughtUp(logger, silo);
            return;
        }
        behind.TryRemove(silo, out _);
        missed.GiveUp();
    }

    private ISiloCacheGrain Cache(SiloAddress silo) => grains.Reference<ISiloCacheGrain>(SiloPinnedPlacement.KeyFor(silo));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not take new details in time; it is tried again")]
    private static partial void LogSiloLeftBehind(ILogger logger, Exception failure, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} took the new details it had been left behind on")]
    private static partial void LogSiloCaughtUp(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not take new details before its copies aged out; its next reads catch it up")]
    private static partial void LogSiloStillBehind(ILogger logger, Exception failure, SiloAddress silo);
}
