using Orders.Grains.Customers;
using Orders.Grains.Orders;
using Orders.Gateway.Watching;

namespace Orders.Gateway.Services;

public sealed class OrderService(IGrainFactory grains, IOrderPlacement placement, OrderWatch watch) : V1.OrderService.OrderServiceBase
{
    public override async Task<V1.Order> CreateOrder(V1.CreateOrderRequest request, ServerCallContext context)
    {
        var command = request.ToCommand();
        // An id the gateway makes up is known to nobody else yet: a worker places the order without its activation.
        var placed = request.ClientOrderId.Length == 0
            ? await placement.PlaceNew(OrderMapping.NewOrderId(), command)
            : await Order(Require.Id(request.ClientOrderId, "client_order_id")).Place(command);
        return placed.Answer(context, order => order.ToProto());
    }

    public override async Task<V1.Order> GetOrder(V1.GetOrderRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var order = await Order(orderId).Get();
        return order.OrNotFound($"order '{orderId}'").ToProto();
    }

    public override async Task<V1.Order> CancelOrder(V1.CancelOrderRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var cancelled = await Order(orderId).Cancel(Require.Reason(request.Reason));
        return cancelled.Answer(context, order => order.ToProto());
    }

    public override async Task<V1.ListCustomerOrdersResponse> ListCustomerOrders(
        V1.ListCustomerOrdersRequest request, ServerCallContext context)
    {
        var customerId = Require.Id(request.CustomerId, "customer_id");
        var page = Page.From(request.PageSize, request.PageToken);
        var orderIds = await grains.Reference<ICustomerGrain>(customerId).OrderIds();
        // Only the page's orders are read.
        var orders = await Task.WhenAll(page.Of(orderIds).Select(id => Order(id).Get()));
        return new V1.ListCustomerOrdersResponse
        {
            Orders = { orders.OfType<OrderSnapshot>().Select(order => order.ToProto()) },
            NextPageToken = page.NextToken(orderIds.Length),
        };
    }

    public override Task WatchOrder(V1.WatchOrderRequest request, IServerStreamWriter<V1.OrderUpdate> responseStream, ServerCallContext context) =>
        watch.Run(Require.Id(request.OrderId, "order_id"), responseStream, context.CancellationToken);

    public override async Task<V1.Payment> GetPayment(V1.GetPaymentRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var payment = await Order(orderId).Payment();
        return payment.OrNotFound($"payment of order '{orderId}'").ToProto();
    }

    private IOrderGrain Order(string orderId) => grains.Reference<IOrderGrain>(orderId);
}
