using System.Collections.Concurrent;

namespace Orders.Grains.Catalog;

/// <summary>
/// This silo's copy of product details, so placing an order costs no call per product. The
/// ProductUpdated broadcast refreshes every silo's copy; an entry is also re-read after
/// <see cref="MaxAge"/> in case a silo missed a broadcast while it was unreachable.
/// </summary>
public sealed class ProductCache(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (ProductDetails Details, DateTimeOffset ReadAt)> products = new(StringComparer.Ordinal);

    public async ValueTask<ProductDetails?> Get(string productId)
    {
        if (products.TryGetValue(productId, out var cached) && clock.GetUtcNow() - cached.ReadAt < MaxAge)
            return cached.Details;

        var details = await grains.Reference<IProductGrain>(productId).Get();
        if (details is not null)
            Put(details);
        return details;
    }

    /// <summary>Keeps <paramref name="details"/> unless a newer version is already here.</summary>
    public void Put(ProductDetails details)
    {
        var entry = (details, clock.GetUtcNow());
        products.AddOrUpdate(details.ProductId, entry, (_, held) => held.Details.Version > details.Version ? held : entry);
    }
}
