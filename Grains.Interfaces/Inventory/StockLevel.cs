namespace Orders.Grains.Inventory;

/// <summary>
/// Stock of one product. On hand counts every unit on the shelf, reserved ones included;
/// units leave on hand for sold when an order's reservation is committed.
/// <see cref="ClaimsSettledThrough"/> is the stock's own bookkeeping, stored with the counts:
/// every hold due for its order's claim by then was claimed or given back.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.StockLevel")]
public sealed record StockLevel(
    [property: Id(0)] int OnHand,
    [property: Id(1)] int Reserved,
    [property: Id(2)] int Sold,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset? ClaimsSettledThrough = null)
{
    public int Available => OnHand - Reserved;
}
