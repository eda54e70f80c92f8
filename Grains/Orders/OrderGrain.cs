using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Grains.Catalog;
using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Inventory;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Orders;

/// <summary>
/// One order, from placement to delivery. Placement writes PENDING with the priced lines before
/// it reserves, so that a crash while stock is being reserved leaves an order that a retry
/// finishes (or a cancel or its timer ends), never a reservation that no order owns (an order
/// for a product whose stock ran short here, and still does, is rejected in one write instead,
/// <see cref="ShortStock"/>). Once every line is held the order is PLACED without a write of
/// its own: the PENDING state and the holds already say it (an activation that finds both
/// finishes the placement, <see cref="ResumePlacement"/>), and the status rides in the next
/// write, normally the PAID one. Afterwards
/// the order moves on calls (its payment's answer; restaurant, driver and customer commands) and
/// on dispatch's driver assignment, an event; while it waits on someone, the time it must be
/// woken at is stored with it (<see cref="OrderState.WakeAt"/>), and the silos' wake sweeper
/// wakes it then to cancel it when they took too long.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Order)]
public sealed partial class OrderGrain(
    [PersistentState(OrderGrain.StateName, StorageNames.Main)] IPersistentState<OrderState> order,
    IGrainFactory grains,
    ProductCache catalog,
    RestaurantCache restaurants,
    ShortStock shortStock,
    PaymentGateway payments,
    IOptions<LifecycleOptions> lifecycle,
    ILogger<OrderGrain> logger,
    TimeProvider clock) : Grain, IOrderGrain, IStreamSubscriptionObserver, IRemindable
{
    /// <summary>The name the order's state is stored under, which the wake sweeper looks in.</summary>
    public const string StateName = "order";

    private EventOutbox<OrderState> events = null!;
    private OrderWatchers watchers = null!;

    /// <summary>
    /// Loaded PENDING, and whether an earlier activation completed the placement could not be
    /// told (its stock was out of reach): it may have answered PLACED and charged, so ending it
    /// asks for the refund, and its wake tries again to resume it (<see cref="ResumePlacement"/>).
    /// </summary>
    private bool placementInDoubt;

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    private string OrderId => this.GetPrimaryKeyString();

    private OrderState State => order.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        events = new EventOutbox<OrderState>(order, this, $"order:{OrderId}");
        watchers = new OrderWatchers(clock, logger);
        await events.Resume();
        if (!State.StockSettled)
            await SettleStock();
        // An order an earlier version wrote has its time on a reminder instead, which hands over
        // when it ticks; one whose reminder was lost with a silo of that version (its first write
        // and the reminder went side by side) is given its wake time here.
        if (State.Exists && State.WakeAt is null && NextWake(State) is { } wake)
            await SaveWake(wake);
        if (State.Status == OrderStatus.Pending)
            await ResumePlacement();
        // An ended order's refund ask may have been lost with its silo: it asks whenever it wakes.
        if (State.RefundPending)
            await AskPaymentForWhatIsOwed();
    }

    async Task<Result<OrderSnapshot>> IOrderGrain.Place(PlaceOrder command)
    {
        if (State.Request is { } first)
        {
            return first.SameAs(command)
                ? await FinishPlacement()
                : Refusal.AlreadyExists($"order '{OrderId}' already exists with other content");
        }

        var lines = command.NormalLines();
        var products = await Task.WhenAll(lines.Select(line => catalog.Get(line.ProductId).AsTask()));
        var priced = PricedOrder.From(lines, lines.Zip(products).ToDictionary(pair => pair.First.ProductId, pair => pair.Second));
        if (priced.Refusal is { } refusal)
            return refusal;

        var now = clock.GetUtcNow();
        var pending = OrderState.Pending(command, priced.Value!, now);
        var shortLines = await StillShort(lines);
        var opening = shortLines.Count == 0
            ? pending
            : pending.MoveTo(OrderStatus.Rejected, now, Insufficient(shortLines)) with { StockSettled = true };
        await Save(opening);
        return await FinishPlacement();
    }

    /// <summary>
    /// Of the lines whose product ran short on this silo (<see cref="ShortStock"/>), those its stock
    /// still cannot cover, asked without holding anything.
    /// </summary>
    private async Task<List<string>> StillShort(ImmutableArray<LineRequest> lines)
    {
        var suspects = lines.Where(line => shortStock.Contains(line.ProductId)).ToList();
        if (suspects.Count == 0)
            return [];

        var levels = await Task.WhenAll(suspects.Select(line => Stock(line.ProductId).Get()));
        var shortLines = new List<string>();
        foreach (var (line, level) in suspects.Zip(levels))
        {
            if (level.Available >= line.Quantity)
                shortStock.Covers(line.ProductId);
            else
                shortLines.Add(ShortLine(line.ProductId, line.Quantity, level.Available));
        }
        return shortLines;
    }

    async Task<OrderSnapshot?> IOrderGrain.Get() =>
        State.Exists ? (await WithCurrentProducts(State)).Snapshot(OrderId) : null;

    Task<OrderStatus?> IOrderGrain.Status() =>
        Task.FromResult(State.Exists ? State.Status : (OrderStatus?)null);

    async Task<Result<OrderSnapshot>> IOrderGrain.Cancel(string reason)
    {
        if (!State.Exists)
            return NotFound();
        // A placement cut short (a reserve failed, or its silo died while reserving) is cancelled
        // as it stands, its stock given back: finishing it first would charge the customer only
        // to refund them.
        if (State.Status == OrderStatus.Pending)
            return await End(OrderStatus.Cancelled, reason);

        if (State.Status == OrderStatus.Cancelled)
            return State.Snapshot(OrderId);          // a retried cancel
        if (!State.Status.IsCancellableByCustomer())
            return Refusal.FailedPrecondition(
                $"order '{OrderId}' is {State.Status.Name()}; only a placed or paid order can be cancelled");

        return await End(OrderStatus.Cancelled, reason);
    }

    Task IOrderGrain.Watch(IOrderObserver observer)
    {
        watchers.Watch(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// An order found stored PENDING with every line held completed its placement in an activation
    /// lost before its next write, which may have answered PLACED: it is placed here, on the holds
    /// it has. One with a line not held never completed and was never answered: it waits as it
    /// stands for a retry, a cancel or its timer.
    /// </summary>
    private async Task ResumePlacement()
    {
        try
        {
            var held = await Task.WhenAll(State.Lines.Select(line => Stock(line.ProductId).Holds(OrderId)));
            placementInDoubt = false;
            if (held.All(holds => holds))
                await Placed(clock.GetUtcNow());
        }
        catch (Exception failure)
        {
            placementInDoubt = State.Status == OrderStatus.Pending;
            logger.LogWarning(failure, "Order {OrderId} is stored pending and its stock could not be asked whether it was placed; its timer asks again", OrderId);
        }
    }

    /// <summary>Reserves every line of a pending order, all or nothing, and records the outcome.</summary>
    private async Task<Result<OrderSnapshot>> FinishPlacement()
    {
        if (State.Status == OrderStatus.Pending)
        {
            var lines = State.Lines;
            var reservations = await Task.WhenAll(lines.Select(line => Stock(line.ProductId).Reserve(OrderId, line.Quantity)));
            var shortOnes = lines.Zip(reservations).Where(pair => !pair.Second.IsHeld).ToList();

            var now = clock.GetUtcNow();
            if (shortOnes.Count == 0)
            {
                await Placed(now);
            }
            else
            {
                // A short line holds nothing (a reserve answers Held to any hold the order already
                // has), so only the held lines are given back: a sold-out product's refusals cost
                // it no second call.
                await Release(lines.Zip(reservations).Where(pair => pair.Second.IsHeld).Select(pair => pair.First.ProductId));
                foreach (var (line, _) in shortOnes)
                    shortStock.RanShort(line.ProductId);
                var rejected = State.MoveTo(OrderStatus.Rejected, now,
                    Insufficient(shortOnes.Select(pair => ShortLine(pair.First.ProductId, pair.First.Quantity, pair.Second.Quantity))));
                await Save(rejected with { StockSettled = true });
            }
        }

        return State.Status == OrderStatus.Rejected
            ? Refusal.FailedPrecondition(State.LastReason)
            : State.Snapshot(OrderId);
    }

    /// <summary>
    /// Takes the PLACED step of an order whose every line is held, in memory only (its next write
    /// stores it), and asks for the charge.
    /// </summary>
    private async Task Placed(DateTimeOffset now)
    {
        var placed = State.MoveTo(OrderStatus.Placed, now, "all lines reserved") with { Payment = OrderPayment.Asked(OrderId, State.Total) };
        order.State = events.Raise(placed, now, header => new OrderPlaced(
            header, OrderId, placed.CustomerId, placed.Restaurant.Id, placed.Lines, placed.Total));
        await watchers.Changed();
        await AskPaymentForWhatIsOwed();
    }

    /// <summary>
    /// Ends the order before delivery: the customer, the restaurant, the payment or a timeout
    /// stopped it. The one OrderCancelled event drives every compensation (refund, kitchen, driver).
    /// </summary>
    private Task<OrderSnapshot> End(OrderStatus outcome, string reason) => End(State, outcome, reason);

    private async Task<OrderSnapshot> End(OrderState from, OrderStatus outcome, string reason)
    {
        await Save(Ended(from, outcome, reason, clock.GetUtcNow()));
        await AskPaymentForWhatIsOwed();
        return State.Snapshot(OrderId);
    }

    /// <summary><paramref name="from"/> ended, with the OrderCancelled that tells everyone who held it.</summary>
    private OrderState Ended(OrderState from, OrderStatus outcome, string reason, DateTimeOffset now)
    {
        var left = from.Status;
        // Placed, it may have been charged (a declined payment ends it with nothing to give back).
        // Still pending, it never was, unless an earlier activation may have placed it.
        var mayBeCharged = left != OrderStatus.Pending || placementInDoubt;
        var ended = from.MoveTo(outcome, now, reason) with { RefundPending = outcome == OrderStatus.Cancelled && mayBeCharged };
        return events.Raise(ended, now, header => new OrderCancelled(
            header, OrderId, ended.CustomerId, ended.ProductIds, reason, ended.Restaurant.Id, ended.Zone, outcome, left));
    }

    /// <summary>
    /// Writes the state with its events and the time it must be woken at next, then brings what
    /// follows from it up to date: the stock, and anyone watching (who follow its status and its
    /// driver). The wake time rides in the same statement as the change, so no order is ever
    /// stored without the timeout it calls for, and no write of its own is needed to move it.
    /// The first write that finds no event raised yet raises OrderReceived, which lists the order
    /// with its customer: a new order's opening write, whatever becomes of it, or the next change
    /// of one an earlier version stored before it listed itself that way.
    /// </summary>
    private async Task Save(OrderState next)
    {
        var (statusBefore, driverBefore) = (State.Status, State.DriverId);
        var received = State.Outbox.LastSequence == 0
            ? events.Raise(next, clock.GetUtcNow(), header => new OrderReceived(header, OrderId, next.CustomerId))
            : next;
        await events.Save(await WithCurrentProducts(received) with { WakeAt = NextWake(received) });
        await SettleStockOrRetrySoon();
        if (State.Status != statusBefore || State.DriverId != driverBefore)
            await watchers.Changed();
    }

    /// <summary>Stores a new wake time alone (a wake whose work is done, or failed); nothing if it is unchanged.</summary>
    private async Task SaveWake(DateTimeOffset? at)
    {
        if (State.WakeAt != at)
            await events.Save(State with { WakeAt = at });
    }

    /// <summary>
    /// Settles the stock a write left owed. If that fails the order is due at once (a wake
    /// settles first): nothing else would come back to it while this activation lives, since a
    /// retried call finds the status already changed, a redelivered event is already applied,
    /// and an ended order has no deadline.
    /// </summary>
    private async Task SettleStockOrRetrySoon()
    {
        if (State.StockSettled)
            return;
        try
        {
            await SettleStock();
        }
        catch
        {
            // If even that write fails, it retires the activation and the next one settles (OnActivateAsync).
            await SaveWake(clock.GetUtcNow());
            throw;
        }
    }

    /// <summary>Sells the stock of an accepted order, or gives back that of one that ended before.</summary>
    private async Task SettleStock()
    {
        if (State.WasAccepted)
            await Task.WhenAll(State.Lines.Select(line => Stock(line.ProductId).Commit(OrderId)));
        else
            await Release(State.Lines.Select(line => line.ProductId));
        var settled = State with { StockSettled = true };
        // An open order writes the mark with its next change (until then a reactivation repeats
        // this, harmlessly); an ended one has no next change, and without the mark every later
        // activation (a read of an old order) would give its stock back again.
        if (State.Status.IsTerminal())
            await events.Save(settled);
        else
            order.State = settled;
    }

    private static string ShortLine(string productId, int asked, int available) => $"{productId} (asked {asked}, available {available})";

    private static string Insufficient(IEnumerable<string> shortLines) => $"insufficient stock: {string.Join("; ", shortLines)}";

    private Task Release(IEnumerable<string> productIds) => Task.WhenAll(productIds.Select(productId => Stock(productId).Release(OrderId)));

    /// <summary>When the order should be woken next (<see cref="OrderState.Wake"/>).</summary>
    private DateTimeOffset? NextWake(OrderState state) => state.Wake(lifecycle.Value, clock.GetUtcNow());

    private IInventoryGrain Stock(string productId) => grains.Reference<IInventoryGrain>(productId);

    private Refusal NotFound() => Refusal.NotFound($"order '{OrderId}' not found");
}
