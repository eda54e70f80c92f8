namespace Orders.Grains.Orders;

/// <summary>A placed line: the product's name and unit price as they were at placement.</summary>
[GenerateSerializer, Immutable, Alias("orders.OrderLine")]
public sealed record OrderLine(
    [property: Id(0)] string ProductId,
    [property: Id(1)] string Name,
    [property: Id(2)] Money UnitPrice,
    [property: Id(3)] int Quantity)
{
    public Money Subtotal => UnitPrice.Times(Quantity);
}
