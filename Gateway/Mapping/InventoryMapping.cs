using Orders.Grains.Inventory;

namespace Orders.Gateway.Mapping;

public static class InventoryMapping
{
    public static V1.Stock ToProto(this StockLevel stock, string productId) => new()
    {
        ProductId = productId,
        OnHand = stock.OnHand,
        Reserved = stock.Reserved,
        Available = stock.Available,
        Sold = stock.Sold,
        Version = stock.Version,
    };
}
