using Orders.Grains.Inventory;

namespace Orders.Gateway.Services;

public sealed class InventoryService(IGrainFactory grains) : V1.InventoryService.InventoryServiceBase
{
    public override async Task<V1.Stock> UpdateInventory(V1.UpdateInventoryRequest request, ServerCallContext context)
    {
        var productId = Require.Id(request.ProductId, "product_id");
        if (request.HasExpectedVersion && request.ChangeCase != V1.UpdateInventoryRequest.ChangeOneofCase.SetOnHand)
            throw new InvalidFieldException("expected_version", "applies only with set_on_hand");
        if (request.HasExpectedVersion && request.ExpectedVersion < 0)
            throw new InvalidFieldException("expected_version", "must not be negative");

        var caller = Caller.Of(context);
        var updated = request.ChangeCase switch
        {
            V1.UpdateInventoryRequest.ChangeOneofCase.Delta when request.Delta == 0 =>
                throw new InvalidFieldException("delta", "must not be zero"),
            V1.UpdateInventoryRequest.ChangeOneofCase.Delta => await grains.AdjustStock(caller, productId, request.Delta),
            V1.UpdateInventoryRequest.ChangeOneofCase.SetOnHand when request.SetOnHand < 0 =>
                throw new InvalidFieldException("set_on_hand", "must not be negative"),
            V1.UpdateInventoryRequest.ChangeOneofCase.SetOnHand => await grains.ChangeStock(caller, productId,
                stock => stock.SetOnHand(request.SetOnHand, request.HasExpectedVersion ? request.ExpectedVersion : null)),
            _ => throw new InvalidFieldException("change", "needs delta or set_on_hand"),
        };
        return updated.Answer(context, stock => stock.ToProto(productId));
    }

    public override async Task<V1.Stock> GetInventory(V1.GetInventoryRequest request, ServerCallContext context)
    {
        var productId = Require.Id(request.ProductId, "product_id");
        var stock = await grains.Reference<IInventoryGrain>(productId).Get();
        return (stock.Version == 0 ? null : stock).OrNotFound($"stock of product '{productId}'").ToProto(productId);
    }
}
