namespace Orders.Gateway.Watching;

/// <summary>
/// How many watches each caller has open on each order at this gateway. An order keeps at most
/// <see cref="Grains.Orders.WatchLease.MostPerOrder"/> watches among everyone who may see it, so
/// one of them (its restaurant, a courier who took it) opening that many kept its customer from
/// watching it; a caller gets <see cref="MostPerOrder"/> at each gateway. Callers are told apart
/// by their token's subject, so with access control off, where every caller is anyone, only the
/// order's own limit holds.
/// </summary>
public sealed class CallerWatches
{
    /// <summary>The most watches one caller keeps open on one order at one gateway.</summary>
    public const int MostPerOrder = 10;

    // A watch opens and closes once in its life, so one lock costs nothing worth a lock-free count.
    private readonly Dictionary<(string Caller, string OrderId), int> open = [];

    /// <summary>Counts a watch of <paramref name="caller"/>'s on <paramref name="orderId"/>; false, and nothing counted, past <see cref="MostPerOrder"/>.</summary>
    public bool TryOpen(string caller, string orderId)
    {
        lock (open)
        {
            var count = open.GetValueOrDefault((caller, orderId));
            if (count >= MostPerOrder)
                return false;
            open[(caller, orderId)] = count + 1;
            return true;
        }
    }

    /// <summary>Ends a watch <see cref="TryOpen"/> counted.</summary>
    public void Close(string caller, string orderId)
    {
        lock (open)
        {
            var count = open[(caller, orderId)] - 1;
            if (count == 0)
                open.Remove((caller, orderId));
            else
                open[(caller, orderId)] = count;
        }
    }
}
