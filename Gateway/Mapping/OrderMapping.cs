using Google.Protobuf.WellKnownTypes;
using Orders.Grains.Orders;

namespace Orders.Gateway.Mapping;

public static class OrderMapping
{
    public const int MaxLines = 100;

    /// <summary>An order id for a client that did not choose one; seed clients look for "order_".</summary>
    public static string NewOrderId() => $"order_{Guid.NewGuid():N}";

    public static PlaceOrder ToCommand(this V1.CreateOrderRequest request)
    {
        var customerId = Require.Id(request.CustomerId, "customer_id");
        var lines = Require.Items(request.Lines, "lines", MaxLines)
            .Select((line, index) => new LineRequest(
                Require.Id(line.ProductId, $"lines[{index}].product_id"),
                Require.Quantity(line.Quantity, $"lines[{index}].quantity")))
            .ToImmutableArray();
        return Command(customerId, lines, "lines");
    }

    /// <summary>The command for lines already checked one by one; <paramref name="field"/> names them in a refusal.</summary>
    public static PlaceOrder Command(string customerId, ImmutableArray<LineRequest> lines, string field)
    {
        // Lines of one product are merged into one (PlaceOrder.NormalLines), so their sum is what must fit.
        if (lines.GroupBy(line => line.ProductId).FirstOrDefault(product => product.Sum(line => (long)line.Quantity) > Require.MaxQuantity) is { } tooMany)
            throw new InvalidFieldException(field, $"must not ask for more than {Require.MaxQuantity} of one product in all ('{tooMany.Key}' is on several lines)");
        return new PlaceOrder(customerId, lines);
    }

    public static V1.Order ToProto(this OrderSnapshot order) => new()
    {
        OrderId = order.OrderId,
        CustomerId = order.CustomerId,
        RestaurantId = order.RestaurantId,
        RestaurantName = order.RestaurantName,
        DriverId = order.DriverId ?? "",
        Status = order.Status.ToProto(),
        Total = order.Total.ToProto(),
        Lines =
        {
            order.Lines.Select(line => new V1.OrderLine
            {
                ProductId = line.ProductId,
                Name = line.Name,
                UnitPrice = line.UnitPrice.ToProto(),
                Quantity = line.Quantity,
            }),
        },
        History = { order.History.Select(change => change.ToProto()) },
    };

    public static V1.StatusChange ToProto(this StatusChange change) => new()
    {
        Status = change.Status.ToProto(),
        At = Timestamp.FromDateTimeOffset(change.At),
        Reason = change.Reason,
    };

    /// <summary>The proto enum numbers the statuses as the domain does (a test holds them together).</summary>
    public static V1.OrderStatus ToProto(this OrderStatus status) => (V1.OrderStatus)status;
}
