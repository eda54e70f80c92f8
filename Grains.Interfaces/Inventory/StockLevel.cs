namespace Orders.Grains.Inventory;

/// <summary>
/// Stock of one product. On hand counts every unit on the shelf, reserved ones included;
/// units leave on hand for sold when an order's reservation is committed.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.StockLevel")]
public sealed record StockLevel(
    [property: Id(0)] int OnHand,
    [property: Id(1)] int Reserved,
    [property: Id(2)] int Sold,
    [property: Id(3)] long Version)
{
    public int Available => OnHand - Reserved;
}
