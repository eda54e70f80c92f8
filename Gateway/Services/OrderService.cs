using Orders.Grains.Customers;
using Orders.Grains.Orders;
using Orders.Gateway.Watching;

namespace Orders.Gateway.Services;

public sealed class OrderService(IGrainFactory grains, IOrderPlacement placement, OrderWatch watch) : V1.OrderService.OrderServiceBase
{
    public override async Task<V1.Order> CreateOrder(V1.CreateOrderRequest request, ServerCallContext context)
    {
        var command = request.ToCommand();
        var clientOrderId = request.ClientOrderId.Length == 0 ? null : Require.Id(request.ClientOrderId, "client_order_id");
        Caller.Of(context).ActsAs(Roles.Customer, command.CustomerId);
        // An id the gateway makes up is known to nobody else yet: a worker places the order without its activation.
        var placed = clientOrderId is null
            ? await placement.PlaceUnderNewId(command)
            : await Order(clientOrderId).Place(command);
        return placed.Answer(context, order => order.ToProto());
    }

    public override async Task<V1.Order> GetOrder(V1.GetOrderRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var order = (await Order(orderId).Get()).OrNotFound($"order '{orderId}'");
        Caller.Of(context).Sees(order);
        return order.ToProto();
    }

    public override async Task<V1.Order> CancelOrder(V1.CancelOrderRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var reason = Require.Reason(request.Reason);
        await Caller.Of(context).ActsForCustomerOf(Order(orderId));
        var cancelled = await Order(orderId).Cancel(reason);
        return cancelled.Answer(context, order => order.ToProto());
    }

    public override async Task<V1.ListCustomerOrdersResponse> ListCustomerOrders(
        V1.ListCustomerOrdersRequest request, ServerCallContext context)
    {
        var customerId = Require.Id(request.CustomerId, "customer_id");
        var page = Page.From(request.PageSize, request.PageToken);
        Caller.Of(context).ActsAs(Roles.Customer, customerId);
        var (orderIds, next) = page.Of(await grains.Reference<ICustomerGrain>(customerId).OrderIds(), id => id);
        // Only the page's orders are read.
        var orders = await Task.WhenAll(orderIds.Select(id => Order(id).Get()));
        return new V1.ListCustomerOrdersResponse
        {
            Orders = { orders.OfType<OrderSnapshot>().Select(order => order.ToProto()) },
            NextPageToken = next,
        };
    }

    public override async Task WatchOrder(V1.WatchOrderRequest request, IServerStreamWriter<V1.OrderUpdate> responseStream, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var caller = Caller.Of(context);
        await caller.SeesOrder(Order(orderId));
        await watch.Run(orderId, responseStream, caller.Subject, caller.TokenAcceptedUntil, context.CancellationToken);
    }

    public override async Task<V1.Payment> GetPayment(V1.GetPaymentRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        // The charge's references and a decline's reason are the customer's business, not the restaurant's or the driver's.
        await Caller.Of(context).ActsForCustomerOf(Order(orderId));
        var payment = await Order(orderId).Payment();
        return payment.OrNotFound($"payment of order '{orderId}'").ToProto();
    }

    private IOrderGrain Order(string orderId) => grains.Reference<IOrderGrain>(orderId);
}
