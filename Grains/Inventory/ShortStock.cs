using System.Collections.Concurrent;

namespace Orders.Grains.Inventory;

/// <summary>
/// The products whose stock ran short for an order on this silo. A placement that wants one of
/// them asks the stock what it has first (a read, nothing written) and, while that is still too
/// little, is rejected as it stands: one write, no hold to give back. In a flash
/// sale that is every order after the sell-out. A product leaves the set once its stock covers an
/// order again, and products outside it are placed the ordinary way, so no order is refused on
/// this silo's memory alone.
/// </summary>
public sealed class ShortStock
{
    private readonly ConcurrentDictionary<string, bool> products = new(StringComparer.Ordinal);

    public bool Contains(string productId) => products.ContainsKey(productId);

    public void RanShort(string productId) => products.TryAdd(productId, true);

    public void Replenished(string productId) => products.TryRemove(productId, out _);
}
