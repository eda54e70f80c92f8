using System.Collections.Concurrent;
using Orders.Grains.Orders;

namespace Orders.Gateway.Watching;

/// <summary>
/// The gateway's one observer of the orders its clients watch, made once and kept for the
/// gateway's life. An order nudges it naming the watch, and it wakes that watch; a nudge for a
/// watch that has ended, sent before its order heard so, finds none and is dropped here. (With an
/// observer made per watch and deleted as the watch ended, such a nudge met a deleted observer
/// and Orleans logged it at error level: about one in five orders of the lifecycle benchmark.)
/// </summary>
public sealed class WatchNudges : IOrderObserver
{
    private readonly ConcurrentDictionary<Guid, OrderNudges> watches = new();

    /// <remarks>
    /// Made by the container for the first call to the order service, once the gateway serves, so
    /// its Orleans client or silo has started. Orleans holds the object behind a reference
    /// weakly; the container keeps it alive.
    /// </remarks>
    public WatchNudges(IGrainFactory grains) => Observer = grains.CreateObjectReference<IOrderObserver>(this);

    /// <summary>The observer's address, for an order to nudge.</summary>
    public IOrderObserver Observer { get; }

    /// <summary>A new watch's id and the nudges its orders send it, until <see cref="Close"/>.</summary>
    public (Guid Watch, OrderNudges Nudges) Open()
    {
        var (watch, nudges) = (Guid.NewGuid(), new OrderNudges());
        watches[watch] = nudges;
        return (watch, nudges);
    }

    public void Close(Guid watch) => watches.TryRemove(watch, out _);

    public Task Changed(Guid watch)
    {
        if (watches.TryGetValue(watch, out var nudges))
            nudges.Nudge();
        return Task.CompletedTask;
    }
}
