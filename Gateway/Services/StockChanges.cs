using Orders.Grains.Catalog;
using Orders.Grains.Inventory;

namespace Orders.Gateway.Services;

/// <summary>A change to a product's stock, as the native and the seed contracts make it.</summary>
public static class StockChanges
{
    public static async Task<Result<StockLevel>> ChangeStock(
        this IGrainFactory grains, string productId, Func<IInventoryGrain, Task<Result<StockLevel>>> change)
    {
        // A mistyped id would otherwise stock a product no one can order, for good.
        (await grains.Reference<IProductGrain>(productId).Get()).OrNotFound($"product '{productId}'");
        return await change(grains.Reference<IInventoryGrain>(productId));
    }
}
