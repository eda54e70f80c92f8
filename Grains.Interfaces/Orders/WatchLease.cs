namespace Orders.Grains.Orders;

public static class WatchLease
{
    /// <summary>How long an order keeps nudging a watcher unless the watcher renews.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);
}
