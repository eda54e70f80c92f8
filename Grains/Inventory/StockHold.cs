namespace Orders.Grains.Inventory;

/// <summary>
/// Units of a product an open order holds: an entry of the product's inventory ledger. A hold
/// taken for a placement is to be claimed by its order once stored, and the stock asks the order
/// from <see cref="ClaimBy"/> on (<see cref="InventoryGrain"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.StockHold")]
public sealed record StockHold([property: Id(0)] int Quantity, [property: Id(1)] DateTimeOffset ClaimBy);
