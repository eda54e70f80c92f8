using Orders.Grains.Catalog;
using Orders.Grains.Events;

namespace Orders.Grains.Orders;

/// <summary>An order's durable state and its transition rules.</summary>
[GenerateSerializer, Immutable, Alias("orders.OrderState")]
public sealed record OrderState : IOutboxState<OrderState>
{
    /// <summary>The command that created the order; null while no order exists under this id.</summary>
    [Id(0)] public PlaceOrder? Request { get; init; }
    [Id(1)] public RestaurantRef Restaurant { get; init; } = new("", "");
    [Id(2)] public ImmutableArray<OrderLine> Lines { get; init; } = [];
    [Id(3)] public Money Total { get; init; } = new(0, "");
    [Id(4)] public OrderStatus Status { get; init; }
    [Id(5)] public ImmutableArray<StatusChange> History { get; init; } = [];

    /// <summary>The version of each product's details the lines describe.</summary>
    [Id(6)] public ImmutableDictionary<string, long> ProductVersions { get; init; } = ImmutableDictionary<string, long>.Empty;

    [Id(7)] public Outbox Outbox { get; init; } = new();

    public bool Exists => Request is not null;

    /// <summary>Still under way: its descriptive details follow the catalog.</summary>
    public bool IsOpen => Status == OrderStatus.Placed;

    /// <summary>Why the order last changed status, as recorded in its history.</summary>
    public string LastReason => History.IsEmpty ? "" : History[^1].Reason;

    public static OrderState Pending(PlaceOrder request, PricedOrder priced, DateTimeOffset at) =>
        new OrderState
        {
            Request = request,
            Restaurant = priced.Restaurant,
            Lines = priced.Lines,
            Total = priced.Total,
            ProductVersions = priced.ProductVersions,
        }.MoveTo(OrderStatus.Pending, at, "order received");

    public OrderState MoveTo(OrderStatus status, DateTimeOffset at, string reason) =>
        this with { Status = status, History = History.Add(new StatusChange(status, at, reason)) };

    /// <summary>
    /// Takes a newer version of a product's descriptive details (name, restaurant name) while the
    /// order is open. Prices stay as placed.
    /// </summary>
    public OrderState WithProduct(ProductDetails product)
    {
        if (!IsOpen || !ProductVersions.TryGetValue(product.ProductId, out var seen) || product.Version <= seen)
            return this;

        return this with
        {
            Lines = [.. Lines.Select(line => line.ProductId == product.ProductId ? line with { Name = product.Info.Name } : line)],
            Restaurant = Restaurant with { Name = product.Restaurant.Name },
            ProductVersions = ProductVersions.SetItem(product.ProductId, product.Version),
        };
    }

    public OrderState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    public OrderSnapshot Snapshot(string orderId) =>
        new(orderId, Request!.CustomerId, Restaurant.Id, Status, Lines, Total, History, Restaurant.Name);
}
