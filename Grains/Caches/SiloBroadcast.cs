using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
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

    /// <summary>A silo left behind, tried again a second later and less often after, until its copy would have aged out anyway.</summary>
    private static readonly ResiliencePipeline CatchUp = new ResiliencePipelineBuilder()
        .AddTimeout(SiloCache<RestaurantDetails>.MaxAge)
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(failure => failure is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

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
                    // Off the broadcast's caller, whose turn (a grain's) must not wait for it.
                    _ = Task.Run(() => TryAgain(member.SiloAddress, refresh));
                }
            }));

    private async Task TryAgain(SiloAddress silo, Func<ISiloCacheGrain, Task> refresh)
    {
        try
        {
            var tookThem = await CatchUp.ExecuteAsync(async cancellationToken =>
            {
                // One that left the cluster has no copy to mend; one that comes back starts with none.
                if (membership.CurrentSnapshot.GetSiloStatus(silo) != SiloStatus.Active)
                    return false;
                await refresh(grains.Reference<ISiloCacheGrain>(SiloPinnedPlacement.KeyFor(silo))).WaitAsync(SiloTimeout, cancellationToken);
                return true;
            });
            if (tookThem)
                LogSiloCaughtUp(logger, silo);
        }
        catch (Exception failure)
        {
            LogSiloStillBehind(logger, failure, silo);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not take new details in time; it is tried again")]
    private static partial void LogSiloLeftBehind(ILogger logger, Exception failure, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} took the new details it had been left behind on")]
    private static partial void LogSiloCaughtUp(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not take new details before its copy aged out; its next read catches it up")]
    private static partial void LogSiloStillBehind(ILogger logger, Exception failure, SiloAddress silo);
}
