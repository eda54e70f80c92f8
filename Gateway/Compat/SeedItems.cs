using Orders.Grains.Orders;

namespace Orders.Gateway.Compat;

/// <summary>Seed 003's order items: a product id per unit, so an id twice is two of that product.</summary>
public static class SeedItems
{
    public static ImmutableArray<LineRequest> ToLines(IReadOnlyList<string> items, string field) =>
        [.. Require.Items(items, field, OrderMapping.MaxLines)
            .Select((id, index) => Require.Id(id, $"{field}[{index}]"))
            .GroupBy(id => id, StringComparer.Ordinal)
            .Select(units => new LineRequest(units.Key, units.Count()))];

    public static IEnumerable<string> Units(this OrderSnapshot order) =>
        order.Lines.SelectMany(line => Enumerable.Repeat(line.ProductId, line.Quantity));
}
