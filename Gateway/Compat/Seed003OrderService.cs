using Orders.Compat.Seed003.Ordering;
using Orders.Grains.Orders;

namespace Orders.Gateway.Compat;

/// <summary>Seed 003's <c>order_service.OrderService</c>.</summary>
public sealed class Seed003OrderService(IGrainFactory grains, IOrderPlacement placement) : OrderService.OrderServiceBase
{
    /// <summary>
    /// The most units an order's status lists, one item each; an order of more (placed through
    /// another contract, which takes quantities) would make an answer past what clients accept.
    /// </summary>
    public const int MaxListedUnits = 10_000;

    public override async Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context)
    {
        var customerId = Require.Id(request.CustomerId, "customer_id");
        if (!double.IsFinite(request.TotalPrice) || request.TotalPrice < 0)
            throw new InvalidFieldException("total_price", "must be a finite amount, not negative");
        var command = OrderMapping.Command(customerId, SeedItems.ToLines(request.Items, "items"), "items");
        Caller.Of(context).ActsAs(Roles.Customer, customerId);
        var placed = await placement.PlaceUnderNewId(command);
        return placed.Answer(context, order => new PlaceOrderResponse { OrderId = order.OrderId, Status = order.Status.Word() });
    }

    public override async Task<GetOrderStatusResponse> GetOrderStatus(GetOrderStatusRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var order = (await Order(orderId).Get()).OrNotFound($"order '{orderId}'");
        Caller.Of(context).Sees(order);
        if (order.Lines.Sum(line => (long)line.Quantity) > MaxListedUnits)
            throw new RefusedException(Refusal.FailedPrecondition(
                $"order '{orderId}' has more than {MaxListedUnits} units to list one by one; read it with orders.v1.OrderService/GetOrder"));
        return new GetOrderStatusResponse
        {
            OrderId = order.OrderId,
            Status = order.Status.Word(),
            Items = { order.Units() },
            TotalPrice = order.Total.MajorUnits(),
        };
    }

    /// <summary>The seed's clients take a refused cancel as an answer, not an error: COULD_NOT_CANCEL.</summary>
    public override async Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        await Caller.Of(context).ActsForCustomerOf(Order(orderId));
        var cancelled = await Order(orderId).Cancel(reason: "");
        if (cancelled.Refusal?.Kind == RefusalKind.FailedPrecondition)
            return new CancelOrderResponse { OrderId = orderId, Status = SeedStatuses.CouldNotCancel };
        return cancelled.Answer(context, order => new CancelOrderResponse { OrderId = order.OrderId, Status = order.Status.Word() });
    }

    private IOrderGrain Order(string orderId) => grains.Reference<IOrderGrain>(orderId);
}
