namespace Orders.Grains.Inventory;

/// <summary>
/// What the stock's ledger stores beside its holds: the counts its callers see, and the stock's
/// own bookkeeping, which they do not: every hold due for its order's claim by
/// <see cref="ClaimsSettledThrough"/> was claimed or given back.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.StockHeader")]
public sealed record StockHeader([property: Id(0)] StockLevel Level, [property: Id(1)] DateTimeOffset? ClaimsSettledThrough = null);
