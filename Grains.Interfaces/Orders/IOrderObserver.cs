namespace Orders.Grains.Orders;

/// <summary>
/// A gateway's one observer of the orders its clients watch, told when one of them changed. Each
/// nudge names the watch it is for (<see cref="IOrderGrain.Watch"/>), so the observer lives as long
/// as its gateway and a nudge for a watch that has just ended is dropped there (an observer per
/// watch, deleted as the watch ended, could not take such a nudge, and Orleans logged each one
/// as a failure). It carries no state on purpose: a watcher reads the order after each nudge, so a lost
/// or repeated nudge can never make it miss or repeat a transition.
/// </summary>
[Alias("orders.IOrderObserver")]
public interface IOrderObserver : IGrainObserver
{
    [OneWay, Alias("ChangedFor")]
    Task Changed(Guid watch);
}
