namespace Orders.Grains.Orders;

/// <summary>The command to place an order.</summary>
[GenerateSerializer, Immutable, Alias("orders.PlaceOrder")]
public sealed record PlaceOrder(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] ImmutableArray<LineRequest> Lines)
{
    /// <summary>
    /// The lines with repeated products added up, in product order: two requests that ask for
    /// the same things have the same normal form, whatever order the client listed them in.
    /// </summary>
    public ImmutableArray<LineRequest> NormalLines() =>
        [.. Lines.GroupBy(line => line.ProductId, StringComparer.Ordinal)
            .Select(group => new LineRequest(group.Key, group.Sum(line => line.Quantity)))
            .OrderBy(line => line.ProductId, StringComparer.Ordinal)];

    /// <summary>Whether a retry asks for the same order (record equality compares arrays by reference).</summary>
    public bool SameAs(PlaceOrder other) =>
        CustomerId == other.CustomerId && NormalLines().SequenceEqual(other.NormalLines());
}
