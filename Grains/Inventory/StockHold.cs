namespace Orders.Grains.Inventory;

/// <summary>Units of a product an open order holds: an entry of the product's inventory ledger.</summary>
[GenerateSerializer, Immutable, Alias("orders.StockHold")]
public sealed record StockHold([property: Id(0)] int Quantity);
