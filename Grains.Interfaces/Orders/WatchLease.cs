namespace Orders.Grains.Orders;

public static class WatchLease
{
    /// <summary>How long an order keeps nudging a watcher unless the watcher renews.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most watches one order keeps: every change nudges each, and each reads the order then
    /// and renews its lease twice a minute, all in the order's turns, ahead of its own work. A
    /// watch whose lease lapsed (its gateway's write blocked on a slow client) counts as new.
    /// </summary>
    public const int MostPerOrder = 100;
}
