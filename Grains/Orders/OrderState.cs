using Orders.Grains.Catalog;
using Orders.Grains.Customers;
using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;
using Orders.Grains.Wakes;

namespace Orders.Grains.Orders;

/// <summary>An order's durable state and its transition rules.</summary>
[GenerateSerializer, Immutable, Alias("orders.OrderState")]
public sealed record OrderState : IOutboxState<OrderState>, IWakeAtState, IListedState, INotifyingState<OrderState>
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

    /// <summary>The driver dispatch gave the order; null until then.</summary>
    [Id(8)] public string? DriverId { get; init; }

    /// <summary>The events already applied from the order's stream (dispatch's driver assignments).</summary>
    [Id(9)] public AppliedEvents Applied { get; init; } = new();

    /// <summary>
    /// Whether the inventory already reflects the status (sold once accepted, released once ended
    /// before that). The inventory calls follow the state write and are idempotent, so a crash in
    /// between is repaired on the next activation.
    /// </summary>
    [Id(10)] public bool StockSettled { get; init; } = true;

    /// <summary>The delivery zone, given by the restaurant when it accepts.</summary>
    [Id(11)] public string Zone { get; init; } = DeliveryZones.Default;

    /// <summary>
    /// Ended after it was placed, and its payment has not yet said that it gave the money back
    /// (or took none): the order's timer asks until it does, so a refund does not hang on one
    /// message lost with a silo.
    /// </summary>
    [Id(12)] public bool RefundPending { get; init; }

    /// <summary>When the order must be woken next (<see cref="NextWake"/> as of its last write), stored with it; null when nothing is awaited.</summary>
    [Id(13)] public DateTimeOffset? WakeAt { get; init; }

    /// <summary>
    /// The order's payment as it knows it: asked for with the placement, then each provider
    /// call's answer (<see cref="OrderPayment"/>; its attempts count the charge calls whose answer
    /// reached the order, and the refund's calls). Null before placement.
    /// </summary>
    [Id(14)] public PaymentDetails? Payment { get; init; }

    /// <summary>
    /// What the order told its customer, one notification per event that concerns them, stored
    /// with the event that raised it.
    /// </summary>
    [Id(15)] public ImmutableArray<Notification> Notifications { get; init; } = [];

    public bool Exists => Request is not null;

    /// <summary>One of its customer's orders from its first write on (<see cref="CustomerLists"/>).</summary>
    public string? ListedIn => Exists ? CustomerLists.OrdersOf(CustomerId) : null;

    /// <summary>One of its restaurant's pending orders while it is paid and unanswered (<see cref="RestaurantLists"/>).</summary>
    public string? WaitingIn => Status == OrderStatus.Paid ? RestaurantLists.PendingOf(Restaurant.Id) : null;

    public string CustomerId => Request!.CustomerId;

    /// <summary>Still under way: its descriptive details follow the catalog.</summary>
    public bool IsOpen => Exists && Status.IsOpen();

    /// <summary>Why the order last changed status, as recorded in its history.</summary>
    public string LastReason => History.IsEmpty ? "" : History[^1].Reason;

    public ImmutableArray<string> ProductIds => [.. Lines.Select(line => line.ProductId).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether the restaurant ever took the order on: its stock is sold for good.</summary>
    public bool WasAccepted => History.Any(change => change.Status.IsAccepted());

    public static OrderState Pending(PlaceOrder request, PricedOrder priced, DateTimeOffset at) =>
        new OrderState
        {
            Request = request,
            Restaurant = priced.Restaurant,
            Lines = priced.Lines,
            Total = priced.Total,
            ProductVersions = priced.ProductVersions,
        }.MoveTo(OrderStatus.Pending, at, "order received");

    /// <summary>
    /// This order moved to <paramref name="status"/>. Acceptance owes the stock its sale, and an end
    /// before acceptance its release; an end after it owes nothing more (the food is sold).
    /// </summary>
    public OrderState MoveTo(OrderStatus status, DateTimeOffset at, string reason) =>
        this with
        {
            Status = status,
            History = History.Add(new StatusChange(status, at, reason)),
            StockSettled = StockSettled && status != OrderStatus.Accepted && !(status.IsTerminal() && !Status.IsAccepted()),
        };

    /// <summary>
    /// This order rejected for <paramref name="shortLines"/>, holding nothing. Its reason's first
    /// words are the refusal's, which clients (the README's, the benchmark's flash sale) tell a
    /// sold-out product by.
    /// </summary>
    public OrderState Rejected(IEnumerable<string> shortLines, DateTimeOffset now) =>
        MoveTo(OrderStatus.Rejected, now, $"insufficient stock: {Refusal.Names(shortLines, "; ")}") with { StockSettled = true };

    /// <summary>This pending order with every line held, asking for its charge.</summary>
    public OrderState Placed(string orderId, DateTimeOffset now)
    {
        var placed = MoveTo(OrderStatus.Placed, now, "all lines reserved") with { Payment = OrderPayment.Asked(orderId, Total) };
        return placed.Raise(EventSources.Order(orderId), now, header => new OrderPlaced(
            header, orderId, placed.CustomerId, placed.Restaurant.Id, placed.Lines, placed.Total));
    }

    /// <summary>Why a paid order is paid, as its history says.</summary>
    public const string PaidReason = "payment succeeded";

    /// <summary>Why an order whose payment was declined failed, as its history says: the decline's reason is the customer's business (GetPayment).</summary>
    public const string DeclinedReason = "the payment was declined";

    /// <summary>
    /// Why an order whose charge found its payment key taken by an earlier placement under its id
    /// (lost unanswered, charged another customer or amount) is cancelled: that charge is refunded.
    /// </summary>
    public const string KeyTakenReason = "the payment could not be taken: an earlier placement under this order id was charged differently, and is refunded";

    /// <summary>This placed order paid, before its restaurant's standing answer.</summary>
    public OrderState Paid(string orderId, DateTimeOffset now)
    {
        // The charge's reference is the customer's business (GetPayment), not the restaurant's or the driver's, who read the history too.
        var paid = MoveTo(OrderStatus.Paid, now, PaidReason);
        return paid.Raise(EventSources.Order(orderId), now, header => new OrderPaid(header, orderId, paid.CustomerId, paid.Restaurant.Id, paid.Total));
    }

    /// <summary>
    /// When the order stops waiting on whoever must act next: the payment, the restaurant, or a
    /// driver. Null once a person drives it (a driver has it) or it has ended.
    /// </summary>
    public DateTimeOffset? Deadline(LifecycleOptions limits) => Status switch
    {
        OrderStatus.Placed => Entered(OrderStatus.Pending) + limits.UnpaidTimeout,
        OrderStatus.Paid => Entered(OrderStatus.Paid) + limits.UnansweredTimeout,
        OrderStatus.Accepted or OrderStatus.Ready when DriverId is null => Entered(OrderStatus.Accepted) + limits.NoDriverTimeout,
        _ => null,
    };

    /// <summary>
    /// When the order's timer should wake it next, after <paramref name="now"/>: at its deadline,
    /// and before that, while it waits to be paid, every <see cref="LifecycleOptions.PaymentRetryDelay"/>
    /// from its receipt to ask for the charge again, in case the asking was lost (its silo died
    /// right after the placement). Counted from receipt, so the time does not move with the
    /// placement's steps. An ended order whose refund is pending asks for it on the same beat from
    /// its end, and so does one whose stock is not given back yet: the write that ends it goes
    /// before the release, and a silo lost in between leaves nothing else to come back to it (its
    /// stock heard it claim its holds and asks no more). An accepted order asks its restaurant
    /// whether the kitchen has it every <see cref="LifecycleOptions.KitchenCheck"/> while it is not
    /// ready (<see cref="KitchenCheckDue"/>), and dispatch whether it has it every
    /// <see cref="LifecycleOptions.DriverCheck"/> while it has no driver (<see cref="DriverCheckDue"/>).
    /// </summary>
    public DateTimeOffset? NextWake(LifecycleOptions limits, DateTimeOffset now)
    {
        if (RefundPending || (Status.IsTerminal() && !StockSettled))
            return Next(History[^1].At, limits.PaymentRetryDelay, now);
        var wake = Deadline(limits);
        if (Status == OrderStatus.Placed)
            wake = Earliest(wake, Next(Entered(OrderStatus.Pending), limits.PaymentRetryDelay, now));
        if (Status == OrderStatus.Accepted)
            wake = Earliest(wake, Next(Entered(OrderStatus.Accepted), limits.KitchenCheck, now));
        if (WaitsForDriver)
            wake = Earliest(wake, Next(Entered(OrderStatus.Accepted), limits.DriverCheck, now));
        return wake;
    }

    private static DateTimeOffset Earliest(DateTimeOffset? wake, DateTimeOffset ask) => wake is { } earlier && earlier <= ask ? earlier : ask;

    /// <summary>Whether the order has waited to be ready long enough to ask whether its kitchen has it.</summary>
    public bool KitchenCheckDue(LifecycleOptions limits, DateTimeOffset now) =>
        Status == OrderStatus.Accepted && now >= Entered(OrderStatus.Accepted) + limits.KitchenCheck;

    /// <summary>Whether the order has waited for a driver long enough to ask whether dispatch has it.</summary>
    public bool DriverCheckDue(LifecycleOptions limits, DateTimeOffset now) =>
        WaitsForDriver && now >= Entered(OrderStatus.Accepted) + limits.DriverCheck;

    private bool WaitsForDriver => Status is OrderStatus.Accepted or OrderStatus.Ready && DriverId is null;

    /// <summary>The first of the times <paramref name="period"/> apart from <paramref name="from"/> that is after <paramref name="now"/>.</summary>
    private static DateTimeOffset Next(DateTimeOffset from, TimeSpan period, DateTimeOffset now) =>
        from + period * Math.Max(1, Math.Floor((now - from) / period) + 1);

    /// <summary>Why the order is cancelled once its <see cref="Deadline"/> passes.</summary>
    public string TimeoutReason => Status switch
    {
        OrderStatus.Placed => "payment did not complete in time",
        OrderStatus.Paid => "the restaurant did not answer in time",
        _ => "no driver was found in time",
    };

    /// <summary>The order's next status when its driver reports <paramref name="delivery"/>, or null if that cannot happen now.</summary>
    public OrderStatus? AfterDelivery(DeliveryStatus delivery) => (Status, delivery) switch
    {
        (OrderStatus.Ready, DeliveryStatus.PickedUp) => OrderStatus.PickedUp,
        (OrderStatus.Ready or OrderStatus.PickedUp, DeliveryStatus.OutForDelivery) => OrderStatus.OutForDelivery,
        (OrderStatus.OutForDelivery, DeliveryStatus.Delivered) => OrderStatus.Delivered,
        _ => null,
    };

    /// <summary>
    /// Takes a newer version of one of its products' descriptive details (name, restaurant name);
    /// prices stay as placed. The order follows its products while it is open (<c>OrderGrain</c>).
    /// </summary>
    public OrderState WithProduct(ProductDetails product)
    {
        if (!ProductVersions.TryGetValue(product.ProductId, out var seen) || product.Version <= seen)
            return this;

        return this with
        {
            Lines = [.. Lines.Select(line => line.ProductId == product.ProductId ? line with { Name = product.Info.Name } : line)],
            Restaurant = Restaurant with { Name = product.Restaurant.Name },
            ProductVersions = ProductVersions.SetItem(product.ProductId, product.Version),
        };
    }

    public OrderState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    public OrderState Notify(Notification notification) => this with { Notifications = Notifications.Add(notification) };

    public OrderSnapshot Snapshot(string orderId) =>
        new(orderId, Request!.CustomerId, Restaurant.Id, Status, Lines, Total, History, Restaurant.Name, DriverId, Zone);

    private DateTimeOffset Entered(OrderStatus status) => History.Last(change => change.Status == status).At;
}
