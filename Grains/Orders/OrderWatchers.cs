using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Orders.Grains.Orders;

/// <summary>
/// Who watches one order, each on a lease its watcher renews (<see cref="WatchLease"/>), timed by
/// the silo's clock. Orleans' observer manager drops expired leases only when it notifies, so an
/// order whose status stays put would keep every watcher that ever left it; here each new watch
/// drops them too.
/// </summary>
public sealed class OrderWatchers(TimeProvider clock, ILogger logger)
{
    private readonly ObserverManager<IOrderObserver> observers = new(WatchLease.Duration, logger)
    {
        GetDateTime = () => clock.GetUtcNow().UtcDateTime,
    };

    public int Count => observers.Count;

    public void Watch(IOrderObserver observer)
    {
        observers.ClearExpired();
        observers.Subscribe(observer, observer);
    }

    public void Unwatch(IOrderObserver observer) => observers.Unsubscribe(observer);

    public Task Changed() => observers.Notify(watcher => watcher.Changed());
}
