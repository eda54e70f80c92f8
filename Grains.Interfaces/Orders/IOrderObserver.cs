namespace Orders.Grains.Orders;

/// <summary>
/// Told when an order changed. It carries no state on purpose: a watcher reads the order after
/// each nudge, so a lost or repeated nudge can never make it miss or repeat a transition.
/// </summary>
[Alias("orders.IOrderObserver")]
public interface IOrderObserver : IGrainObserver
{
    [OneWay, Alias("Changed")]
    Task Changed();
}
