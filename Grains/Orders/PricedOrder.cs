using Orders.Grains.Catalog;

namespace Orders.Grains.Orders;

/// <summary>
/// An order's lines priced from the catalog, with the restaurant they all come from and the
/// product versions the prices were read at.
/// </summary>
public sealed record PricedOrder(
    RestaurantRef Restaurant, ImmutableArray<OrderLine> Lines, Money Total, ImmutableDictionary<string, long> ProductVersions)
{
    /// <summary>
    /// Prices each requested line from its product. Unknown products, products that are not
    /// available, and lines from more than one restaurant or currency are refused.
    /// </summary>
    public static Result<PricedOrder> From(
        ImmutableArray<LineRequest> lines, IReadOnlyDictionary<string, ProductDetails?> products)
    {
        var unknown = lines.Where(line => products.GetValueOrDefault(line.ProductId) is null).ToList();
        if (unknown.Count > 0)
            return Refusal.NotFound($"unknown product: {string.Join(", ", unknown.Select(line => line.ProductId))}");

        var details = lines.Select(line => products[line.ProductId]!).ToList();
        var unavailable = details.Where(product => !product.Info.Available).ToList();
        if (unavailable.Count > 0)
            return Refusal.FailedPrecondition(
                $"product not available: {string.Join(", ", unavailable.Select(product => product.ProductId))}");
        if (details.Select(product => product.RestaurantId).Distinct().Count() > 1)
            return Refusal.FailedPrecondition("an order's products must all come from one restaurant");
        if (details.Select(product => product.Info.Price.Currency).Distinct().Count() > 1)
            return Refusal.FailedPrecondition("an order's products must all be priced in one currency");

        var priced = lines
            .Select(line => (line, product: products[line.ProductId]!))
            .Select(pair => new OrderLine(pair.line.ProductId, pair.product.Info.Name, pair.product.Info.Price, pair.line.Quantity))
            .ToImmutableArray();
        var total = priced.Skip(1).Aggregate(priced[0].Subtotal, (sum, line) => sum.Plus(line.Subtotal));
        var versions = details.DistinctBy(product => product.ProductId).ToImmutableDictionary(product => product.ProductId, product => product.Version);
        return new PricedOrder(new RestaurantRef(details[0].RestaurantId, details[0].Restaurant.Name), priced, total, versions);
    }
}
