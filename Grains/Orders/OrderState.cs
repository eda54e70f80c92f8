namespace Orders.Grains.Orders;

/// <summary>An order's durable state and its transition rules.</summary>
[GenerateSerializer, Immutable, Alias("orders.OrderState")]
public sealed record OrderState
{
    /// <summary>The command that created the order; null while no order exists under this id.</summary>
    [Id(0)] public PlaceOrder? Request { get; init; }
    [Id(1)] public string RestaurantId { get; init; } = "";
    [Id(2)] public ImmutableArray<OrderLine> Lines { get; init; } = [];
    [Id(3)] public Money Total { get; init; } = new(0, "");
    [Id(4)] public OrderStatus Status { get; init; }
    [Id(5)] public ImmutableArray<StatusChange> History { get; init; } = [];

    public bool Exists => Request is not null;

    /// <summary>Why the order last changed status, as recorded in its history.</summary>
    public string LastReason => History.IsEmpty ? "" : History[^1].Reason;

    public static OrderState Pending(PlaceOrder request, PricedOrder priced, DateTimeOffset at) =>
        new OrderState
        {
            Request = request,
            RestaurantId = priced.RestaurantId,
            Lines = priced.Lines,
            Total = priced.Total,
        }.MoveTo(OrderStatus.Pending, at, "order received");

    public OrderState MoveTo(OrderStatus status, DateTimeOffset at, string reason) =>
        this with { Status = status, History = History.Add(new StatusChange(status, at, reason)) };

    public OrderSnapshot Snapshot(string orderId) =>
        new(orderId, Request!.CustomerId, RestaurantId, Status, Lines, Total, History);
}
