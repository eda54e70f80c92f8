using Orders.Grains.Catalog;

namespace Orders.Grains.Orders;

/// <summary>
/// An order's lines priced from the catalog, with the restaurant they all come from and the
/// product versions the prices were read at. Handed on with a placement its order's grain takes
/// over (<see cref="IOrderGrain.TakeOver"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.PricedOrder")]
public sealed record PricedOrder(
    [property: Id(0)] RestaurantRef Restaurant,
    [property: Id(1)] ImmutableArray<OrderLine> Lines,
    [property: Id(2)] Money Total,
    [property: Id(3)] ImmutableDictionary<string, long> ProductVersions)
{
    /// <summary>
    /// Prices each requested line from its product. Unknown products, products that are not
    /// available or not on their restaurant's menu, and lines from more than one restaurant or
    /// currency are refused.
    /// </summary>
    public static Result<PricedOrder> From(
        ImmutableArray<LineRequest> lines, IReadOnlyDictionary<string, ProductDetails?> products)
    {
        // Each line's product, looked up once: every order placed is priced here.
        var details = lines.Select(line => products.GetValueOrDefault(line.ProductId)).ToArray();
        if (RefusalOf(lines, details) is { } refusal)
            return refusal;

        var first = details[0]!;
        var priced = ImmutableArray.CreateBuilder<OrderLine>(lines.Length);
        var versions = ImmutableDictionary<string, long>.Empty;
        var total = new Money(0, first.Info.Price.Currency);
        for (var index = 0; index < lines.Length; index++)
        {
            var product = details[index]!;
            var line = new OrderLine(lines[index].ProductId, product.Info.Name, product.Info.Price, lines[index].Quantity);
            priced.Add(line);
            total = total.Plus(line.Subtotal);
            versions = versions.SetItem(product.ProductId, product.Version);
        }
        return new PricedOrder(new RestaurantRef(first.RestaurantId, first.Restaurant.Name), priced.MoveToImmutable(), total, versions);
    }

    /// <summary>Why the lines cannot be priced, naming every line at fault, or null when they can.</summary>
    private static Refusal? RefusalOf(ImmutableArray<LineRequest> lines, ProductDetails?[] details)
    {
        if (Array.IndexOf(details, null) >= 0)
            return Refusal.NotFound(
                $"unknown product: {Refusal.Names(lines.Where((_, index) => details[index] is null).Select(line => line.ProductId))}");
        if (details.Any(product => !product!.Info.Available))
            return Refusal.FailedPrecondition(
                $"product not available: {Refusal.Names(details.Where(product => !product!.Info.Available).Select(product => product!.ProductId))}");
        if (details.Any(product => product!.OffMenu))
            return Refusal.FailedPrecondition(
                $"not on its restaurant's menu: {Refusal.Names(details.Where(product => product!.OffMenu).Select(product => product!.ProductId))}");
        if (details.Any(product => product!.RestaurantId != details[0]!.RestaurantId))
            return Refusal.FailedPrecondition("an order's products must all come from one restaurant");
        if (details.Any(product => product!.Info.Price.Currency != details[0]!.Info.Price.Currency))
            return Refusal.FailedPrecondition("an order's products must all be priced in one currency");
        return null;
    }
}
