using Orders.Compat.Seed000.Ordering;
using Orders.Grains.Orders;

namespace Orders.Gateway.Compat;

/// <summary>
/// Seed 000's <c>order.orderService</c>: one product, one quantity, no customer. Its orders are
/// filed under <see cref="Customer"/>, placed and paid as every other order.
/// </summary>
public sealed class Seed000OrderService(IOrderPlacement placement) : orderService.orderServiceBase
{
    public const string Customer = "seed-000";

    public override async Task<CreateOrderResponse> CreateOrder(CreateOrderRequest request, ServerCallContext context)
    {
        var line = new LineRequest(Require.Id(request.ProductId, "product_id"), Require.Quantity(request.Quantity, "quantity"));
        Caller.Of(context).ActsAs(Roles.Customer, Customer);
        var placed = await placement.PlaceUnderNewId(new PlaceOrder(Customer, [line]));
        return placed.Answer(context, order => new CreateOrderResponse
        {
            OrderId = order.OrderId,
            Message = $"order {order.OrderId} {order.Status.Word()}: {line.Quantity} x {order.Lines[0].Name}, {order.Total}",
        });
    }
}
