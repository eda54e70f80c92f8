using System.Collections.Concurrent;

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

    private readonly ConcurrentDictionary<(string Caller, string OrderId), int> open = new();

    /// <summary>Counts a watch of <paramref name="caller"/>'s on <paramref name="orderId"/>; false, and nothing counted, past <see cref="MostPerOrder"/>.</summary>
    public bool TryOpen(string caller, string orderId)
    {
        var key = (caller, orderId);
        while (true)
        {
            if (!open.TryGetValue(key, out var count))
            {
                if (open.TryAdd(key, 1))
                    return true;
            }
            else if (count >= MostPerOrder)
            {
                return false;
            }
            else if (open.TryUpdate(key, count + 1, count))
            {
                return true;
            }
        }
    }

    /// <summary>Ends a watch <see cref="TryOpen"/> counted.</summary>
    public void Close(string caller, string orderId)
    {
        var key = (caller, orderId);
        while (true)
        {
            var count = open[key];
            if (count == 1 ? open.TryRemove(KeyValuePair.Create(key, 1)) : open.TryUpdate(key, count - 1, count))
                return;
        }
    }
}
