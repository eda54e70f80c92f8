using Microsoft.Extensions.Logging;
using Orders.Grains.Catalog;

namespace Orders.Grains.Orders;

/// <summary>
/// An open order follows its products' names and restaurant name (never their price). A product
/// update reaches the orders its product lists when it runs (<see cref="ProductOrdersGrain"/>);
/// the first write after the placement lists the order, so one placed while an update ran may be
/// listed just after the update read the list.
/// </summary>
public sealed partial class OrderGrain
{
    async Task IOrderGrain.RefreshProduct(ProductDetails product) => await SaveIfChanged(State.WithProduct(product));

    /// <summary>
    /// Once listed, takes from this silo's product cache any update the placement was priced
    /// before: every silo's cache hears of an update before its open orders are read, so an update
    /// whose read missed this order is in the cache by now. Costs no call while the cache holds
    /// the products, and a write only when one changed. A product that cannot be read is left as
    /// it is: the write that listed the order has landed, and what follows it must still run.
    /// </summary>
    private async Task TakeUpdatesMissedWhileListing()
    {
        var latest = State;
        try
        {
            foreach (var productId in State.ProductVersions.Keys)
            {
                if (await catalog.Get(productId) is { } product)
                    latest = latest.WithProduct(product);
            }
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Order {OrderId} could not read its products after it was listed; an update that missed it is not taken", OrderId);
        }
        await SaveIfChanged(latest);
    }

    private async Task SaveIfChanged(OrderState refreshed)
    {
        if (refreshed != State)
            await Write(refreshed);
    }
}
