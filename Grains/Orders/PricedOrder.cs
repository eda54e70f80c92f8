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
        if (RefusalOf(lines, products) is { } refusal)
            return refusal;

        // One pass, no sets or queries: every order placed is priced here.
        var first = products[lines[0].ProductId]!;
        var priced = ImmutableArray.CreateBuilder<OrderLine>(lines.Length);
        var versions = ImmutableDictionary<string, long>.Empty;
        var total = new Money(0, first.Info.Price.Currency);
        foreach (var line in lines)
        {
            var product = products[line.ProductId]!;
            var orderLine = new OrderLine(line.ProductId, product.Info.Name, product.Info.Price, line.Quantity);
            priced.Add(orderLine);
            total = total.Plus(orderLine.Subtotal);
            versions = versions.SetItem(product.ProductId, product.Version);
        }
        return new PricedOrder(new RestaurantRef(first.RestaurantId, first.Restaurant.Name), priced.MoveToImmutable(), total, versions);
    }

    /// <summary>Why the lines cannot be priced, naming every line at fault, or null when they can.</summary>
    private static Refusal? RefusalOf(ImmutableArray<LineRequest> lines, IReadOnlyDictionary<string, ProductDetails?> products)
    {
        if (lines.Any(line => products.GetValueOrDefault(line.ProductId) is null))
            return Refusal.NotFound(
                $"unknown product: {string.Join(", ", lines.Where(line => products.GetValueOrDefault(line.ProductId) is null).Select(line => line.ProductId))}");

        var details = lines.Select(line => products[line.ProductId]!).ToList();
        if (details.Any(product => !product.Info.Available))
            return Refusal.FailedPrecondition(
                $"product not available: {string.Join(", ", details.Where(product => !product.Info.Available).Select(product => product.ProductId))}");
        if (details.Any(product => product.RestaurantId != details[0].RestaurantId))
            return Refusal.FailedPrecondition("an order's products must all come from one restaurant");
        if (details.Any(product => product.Info.Price.Currency != details[0].Info.Price.Currency))
            return Refusal.FailedPrecondition("an order's products must all be priced in one currency");
        return null;
    }
}
