namespace Orders.Grains.Inventory;

/// <summary>What one order holds of a product: units reserved, or units it has bought.</summary>
[GenerateSerializer, Immutable, Alias("orders.StockHold")]
public sealed record StockHold([property: Id(0)] int Quantity, [property: Id(1)] bool Sold)
{
    public static StockHold Reserved(int quantity) => new(quantity, Sold: false);
}
