using Microsoft.Extensions.Logging;
using Orders.Grains.Catalog;

namespace Orders.Grains.Orders;

/// <summary>
/// An open order follows its products' names and its restaurant's name (never their price): each
/// call to it begins by taking them from this silo's product cache, which every product update
/// reaches (<see cref="ProductOrdersGrain"/>). So whatever the order answers, raises or writes
/// carries the current details, its stored state catches up at its next write, and an update
/// costs no call, write or list row per open order.
/// </summary>
public sealed partial class OrderGrain : IIncomingGrainCallFilter
{
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        await TakeCurrentProducts();
        await context.Invoke();
    }

    private async Task TakeCurrentProducts()
    {
        if (!State.IsOpen)
            return;
        var current = new List<ProductDetails>(State.ProductVersions.Count);
        try
        {
            foreach (var productId in State.ProductVersions.Keys)
            {
                if (await catalog.Get(productId) is { } product)
                    current.Add(product);
            }
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Order {OrderId} could not read its products; it keeps the details it has", OrderId);
            return;
        }
        // Applied to the state as it is now, with no wait in between: a call that interleaves may
        // have changed it while a product was read.
        order.State = current.Aggregate(State, (state, product) => state.WithProduct(product));
    }
}
