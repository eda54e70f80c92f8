using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Orders.Grains.Orders;

/// <summary>
/// Who watches one order: each watch by its id, through its gateway's observer, on a lease its
/// watcher renews (<see cref="WatchLease"/>), timed by the silo's clock. Orleans' observer manager
/// drops expired leases only when it notifies, so an order whose status stays put would keep
/// every watcher that ever left it; here each new watch drops them too.
/// </summary>
public sealed class OrderWatchers(TimeProvider clock, ILogger logger)
{
    private readonly ObserverManager<Guid, Watcher> watchers = new(WatchLease.Duration, logger)
    {
        GetDateTime = () => clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>
    /// Whether any watch's lease still holds. A gateway that never let go (its <c>Unwatch</c> lost,
    /// or the gateway gone) must not keep the order in memory past its lease: an order that was
    /// never stored would otherwise answer from its empty activation after its row is placed.
    /// </summary>
    public bool Any()
    {
        watchers.ClearExpired();
        return watchers.Count > 0;
    }

    /// <returns>False, and nothing kept, for a new watch past <see cref="WatchLease.MostPerOrder"/>; a renewal always holds.</returns>
    public bool Watch(IOrderObserver observer, Guid watch)
    {
        watchers.ClearExpired();
        // Only at the limit, which is rare, is a watch looked up: ObserverManager.Observers copies them all.
        if (watchers.Count >= WatchLease.MostPerOrder && !watchers.Observers.ContainsKey(watch))
            return false;
        watchers.Subscribe(watch, new Watcher(observer, watch));
        return true;
    }

    public void Unwatch(Guid watch) => watchers.Unsubscribe(watch);

    public Task Changed() => watchers.Notify(watcher => watcher.Observer.Changed(watcher.Watch));

    private sealed record Watcher(IOrderObserver Observer, Guid Watch);
}
