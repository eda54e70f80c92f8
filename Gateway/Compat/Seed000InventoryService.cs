using Orders.Compat.Seed000.Stock;
using Orders.Gateway.Services;
using InventoryService = Orders.Compat.Seed000.Stock.InventoryService;

namespace Orders.Gateway.Compat;

/// <summary>Seed 000's <c>inventory.InventoryService</c>: a signed quantity added to the stock on hand.</summary>
public sealed class Seed000InventoryService(IGrainFactory grains) : InventoryService.InventoryServiceBase
{
    public override async Task<UpdateInventoryResponse> UpdateInventory(UpdateInventoryRequest request, ServerCallContext context)
    {
        var productId = Require.Id(request.ProductId, "product_id");
        if (request.Quantity == 0)
            throw new InvalidFieldException("quantity", "must not be zero");
        var updated = await grains.AdjustStock(Caller.Of(context), productId, request.Quantity);
        return updated.Answer(context, stock => new UpdateInventoryResponse
        {
            Message = $"product {productId}: {stock.OnHand} on hand, {stock.Available} available",
        });
    }
}
