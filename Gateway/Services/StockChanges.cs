using Orders.Grains.Catalog;
using Orders.Grains.Inventory;

namespace Orders.Gateway.Services;

/// <summary>A change to a product's stock, as the native and the seed contracts make it.</summary>
public static class StockChanges
{
    /// <summary>The change, made if the product exists and <paramref name="caller"/> may act for its restaurant.</summary>
    public static async Task<Result<StockLevel>> ChangeStock(
        this IGrainFactory grains, Caller caller, string productId, Func<IInventoryGrain, Task<Result<StockLevel>>> change)
    {
        // A mistyped id would otherwise stock a product no one can order, for good.
        var product = (await grains.Reference<IProductGrain>(productId).Get()).OrNotFound($"product '{productId}'");
        caller.ActsAs(Roles.Restaurant, product.RestaurantId);
        return await change(grains.Reference<IInventoryGrain>(productId));
    }

    /// <summary>Adds <paramref name="delta"/> to the stock on hand: a change that, sent twice, counts twice.</summary>
    /// <exception cref="OutcomeUnknownException">An outage left it unknown whether the stock changed.</exception>
    public static Task<Result<StockLevel>> AdjustStock(this IGrainFactory grains, Caller caller, string productId, int delta) =>
        grains.ChangeStock(caller, productId, stock => OutcomeUnknownException.Around(() => stock.Adjust(delta), productId, static productId =>
            $"the stock of product '{productId}' may have been changed all the same: read it before sending the change again, or it may count twice"));
}
