using LineRequest = Orders.Grains.Orders.LineRequest;
using Orders.Compat.Seed004;
using Orders.Grains.Orders;

namespace Orders.Gateway.Compat;

/// <summary>Seed 004's <c>api.OrderService</c>, whose field names are its own (<c>CustomerID</c>, <c>Items</c>).</summary>
public sealed class Seed004OrderService(IGrainFactory grains, IOrderPlacement placement) : OrderService.OrderServiceBase
{
    public override async Task<Order> CreateOrder(CreateOrderRequest request, ServerCallContext context)
    {
        var customerId = Require.Id(request.CustomerID, "CustomerID");
        ImmutableArray<LineRequest> lines = [.. Require.Items(request.Items, "Items", OrderMapping.MaxLines)
            .Select((item, index) => new LineRequest(
                Require.Id(item.ID, $"Items[{index}].ID"),
                Require.Quantity(item.Quantity, $"Items[{index}].Quantity")))];
        var command = OrderMapping.Command(customerId, lines, "Items");
        Caller.Of(context).ActsAs(Roles.Customer, customerId);
        var placed = await placement.PlaceUnderNewId(command);
        return placed.Answer(context, order => order.ToSeed004());
    }

    /// <summary>
    /// With a CustomerID, another customer's order is not found either. The caller's right to see
    /// the order is asked first, so that the filter does not tell a caller whose an order is.
    /// </summary>
    public override async Task<Order> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderID, "OrderID");
        var order = (await grains.Reference<IOrderGrain>(orderId).Get()).OrNotFound($"order '{orderId}'");
        Caller.Of(context).Sees(order);
        var visible = (request.CustomerID.Length == 0 || order.CustomerId == request.CustomerID ? order : null).OrNotFound($"order '{orderId}'");
        return visible.ToSeed004();
    }
}
