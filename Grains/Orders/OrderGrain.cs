using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Grains.Catalog;
using Orders.Grains.Events;
using Orders.Grains.Inventory;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Orders;

/// <summary>
/// One order, from placement to delivery. Placement stores it once, its lines held and its
/// charge answered (<c>OrderGrain.Placement.cs</c>); an order for a product whose stock ran short
/// here, and still does, is rejected without holding anything (<see cref="ShortStock"/>). Afterwards
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
    TimeProvider clock) : Grain, IOrderGrain, IStreamSubscriptionObserver, IIncomingGrainCallFilter
{
    /// <summary>The name the order's state is stored under, which the wake sweeper looks in.</summary>
    public const string StateName = "order";

    private EventOutbox<OrderState> outbox = null!;
    private readonly OrderWatchers watchers = new(clock, logger);

    /// <summary>
    /// Activated on the gateway's word that nothing was ever stored under this id, which spares
    /// PostgreSQL's storage the read (<see cref="NeverStored"/>), and not written since: what this
    /// activation holds is not known to be what storage holds, so it does not outlive its
    /// placement (<c>OrderGrain.Placement.cs</c>).
    /// </summary>
    private bool readSkipped;

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    private string OrderId => this.GetPrimaryKeyString();

    private OrderState State => order.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        readSkipped = NeverStored.IsVouched(this.GetGrainId());
        // The vouch served the state read; nothing this activation calls may carry it on.
        NeverStored.Forget();
        outbox = new EventOutbox<OrderState>(order, this, EventSources.Order(OrderId));
        await outbox.Resume();
        // A failure that outlived an activation is tried again a ReminderPeriod later, not every sweep.
        await SettleStockOrWakeIn(lifecycle.Value.ReminderPeriod);
        // An ended order's refund ask may have been lost with its silo: it asks whenever it wakes.
        if (State.RefundPending)
            await AskPaymentForWhatIsOwed();
    }

    /// <summary>
    /// A watched order leaving memory (its silo stopping, a write that failed) tells its watchers,
    /// whom its next activation will not know: they read it again at once, which brings it back and
    /// watches it there, rather than missing its changes until they renew their lease.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        watchers.Any() ? watchers.Changed() : Task.CompletedTask;

    async Task<OrderSnapshot?> IOrderGrain.Get() =>
        State.Exists ? (await WithCurrentProducts(State)).Snapshot(OrderId) : null;

    Task<OrderStatus?> IOrderGrain.Status() => Task.FromResult(State.Exists ? State.Status : (OrderStatus?)null);

    /// <summary>
    /// An activation that found nothing stored keeps nothing for the next call, whatever the call
    /// was: a placement worker may be about to insert this order's row behind the grain's back
    /// (<see cref="OrderPlacement"/>), as when a caller acts on an order whose placement it was told
    /// may have gone through. Kept, the activation would go on answering from its empty state once
    /// the row was stored, drop the charge's answer, and be woken by the sweeper to no effect. One
    /// someone watches stays for them (a gateway's watch asks the order just after, and lets go).
    /// </summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (!order.RecordExists && !watchers.Any())
                DeactivateOnIdle();
        }
    }

    async Task<Result<OrderSnapshot>> IOrderGrain.Cancel(string reason)
    {
        if (!State.Exists)
            return NotFound();
        if (State.Status == OrderStatus.Cancelled)
            return State.Snapshot(OrderId);          // a retried cancel
        if (!State.Status.IsCancellableByCustomer())
            return Refusal.FailedPrecondition(
                $"order '{OrderId}' is {State.Status.Name()}; only a placed or paid order can be cancelled");

        return await End(OrderStatus.Cancelled, CancelledBecause(reason));
    }

    private const string CustomersRequest = "at the customer's request";

    /// <summary>
    /// The customer's words after who ended the order, as every other ending says who: so that no
    /// reason a customer gives reads as the restaurant's rejection (<see cref="RejectedPrefix"/>).
    /// </summary>
    private static string CancelledBecause(string reason) =>
        reason.Length == 0 ? CustomersRequest : $"{CustomersRequest}: {reason}";

    Task<bool> IOrderGrain.Watch(IOrderObserver observer, Guid watch) => Task.FromResult(watchers.Watch(observer, watch));

    Task IOrderGrain.Unwatch(Guid watch)
    {
        watchers.Unwatch(watch);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Ends the order before delivery: the customer, the restaurant, the payment or a timeout
    /// stopped it. The order asks its payment for the refund and gives its stock back itself; its
    /// OrderCancelled frees the kitchen and the driver of an accepted order.
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
        // Every order ended is placed, and may have been charged, unless its payment was declined.
        var ended = from.MoveTo(outcome, now, reason) with { RefundPending = outcome == OrderStatus.Cancelled };
        return outbox.Raise(ended, now, header => new OrderCancelled(
            header, OrderId, ended.CustomerId, ended.ProductIds, reason, ended.Restaurant.Id, ended.Zone, outcome, left));
    }

    /// <summary>
    /// Writes the state with its events and the time it must be woken at next, then brings what
    /// follows from it up to date: the stock, and anyone watching (who follow its status and its
    /// driver). The wake time rides in the same statement as the change, so no order is ever
    /// stored without the timeout it calls for, and no write of its own is needed to move it.
    /// The stored row lists the order with its customer, and with its restaurant while it waits
    /// for the answer (<see cref="OrderState.ListedIn"/>, <see cref="OrderState.WaitingIn"/>).
    /// </summary>
    private async Task Save(OrderState next)
    {
        var (statusBefore, driverBefore) = (State.Status, State.DriverId);
        await outbox.Save(WithNextWake(await WithCurrentProducts(next)));
        await SettleStockOrWakeIn(TimeSpan.Zero);
        if (State.Status != statusBefore || State.DriverId != driverBefore)
            await watchers.Changed();
    }

    /// <summary>Stores a new wake time alone (a wake whose work is done, or failed); nothing if it is unchanged.</summary>
    private async Task SaveWake(DateTimeOffset? at)
    {
        if (State.WakeAt != at)
            await outbox.Save(State with { WakeAt = at });
    }

    /// <summary>
    /// Stores a wake <paramref name="at"/>, for work that failed to be tried again then. If this
    /// write fails as well (the database down, most likely), that is only logged: it must not take
    /// the place of the first failure, nor fail a call whose change is stored. The failed write
    /// retires the activation, and the next one, which the wake time stored with the change brings
    /// back at the latest, finds the work still to do.
    /// </summary>
    private async Task WakeAgainAt(DateTimeOffset at)
    {
        try
        {
            await SaveWake(at);
        }
        catch (Exception rescheduling)
        {
            LogWakeNotMoved(logger, rescheduling, OrderId);
        }
    }

    /// <summary>
    /// Settles the stock a write left owed, or an earlier activation did. Its failure does not fail
    /// the call that made the change, which is stored (told it failed, a client that let the
    /// gateway choose the id would place the order again): the order is woken to settle
    /// <paramref name="retryIn"/> from now, since nothing else comes back to it while this
    /// activation lives (a retried call finds the status already changed, a redelivered event is
    /// already applied, an ended order has no deadline). An open order's stored wake that comes
    /// sooner stays, passed or not, and tries the stock again itself: an activation the sweeper
    /// brought for a passed deadline or check otherwise moved it a period later, and the sweeper's
    /// wake found nothing due.
    /// </summary>
    private async Task SettleStockOrWakeIn(TimeSpan retryIn)
    {
        if (await TrySettleStock())
            return;
        var retry = clock.GetUtcNow() + retryIn;
        if (State.Status.IsTerminal() || !(State.WakeAt < retry))
            await WakeAgainAt(retry);
    }

    /// <summary>Settles the stock if a write left it owed; false, and the failure logged, if it could not.</summary>
    private async Task<bool> TrySettleStock()
    {
        if (State.StockSettled)
            return true;
        try
        {
            await SettleStock();
            return true;
        }
        catch (Exception failure)
        {
            LogStockNotSettled(logger, failure, OrderId);
            return false;
        }
    }

    /// <summary>Sells the stock of an accepted order, or gives back that of one that ended before.</summary>
    private async Task SettleStock()
    {
        if (State.WasAccepted)
            await Task.WhenAll(State.Lines.Select(line => Stock(line.ProductId).Commit(OrderId)));
        else
            await grains.Release(OrderId, State.Lines);
        var settled = State with { StockSettled = true };
        // An open order writes the mark with its next change (until then a reactivation repeats
        // this, harmlessly); an ended one has no next change, and without the mark every later
        // activation (a read of an old order) would give its stock back again. The mark also ends
        // the wake that stood for the release (OrderState.NextWake).
        if (State.Status.IsTerminal())
            await outbox.Save(WithNextWake(settled));
        else
            order.State = settled;
    }

    /// <summary>When the order should be woken next (<see cref="OrderState.NextWake"/>).</summary>
    private DateTimeOffset? NextWake(OrderState state) => state.NextWake(lifecycle.Value, clock.GetUtcNow());

    /// <summary><paramref name="state"/> with the time it must be woken at next, as every change of it is stored.</summary>
    private OrderState WithNextWake(OrderState state) => state with { WakeAt = NextWake(state) };

    private IInventoryGrain Stock(string productId) => grains.Reference<IInventoryGrain>(productId);

    private Refusal NotFound() => Refusal.NotFound($"order '{OrderId}' not found");

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was cancelled by its timeout while {Status}: {Reason}")]
    private static partial void LogTimedOut(ILogger logger, string orderId, string status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}'s placement was lost before it was stored; its holds and any charge under its id are being given back")]
    private static partial void LogPlacementLost(ILogger logger, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not store when to try its failed work again; it tries when it is next woken or activated")]
    private static partial void LogWakeNotMoved(ILogger logger, Exception failure, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not settle its stock; it tries again when woken")]
    private static partial void LogStockNotSettled(ILogger logger, Exception failure, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not read its products; it keeps the details it has")]
    private static partial void LogProductsNotRead(ILogger logger, Exception failure, string orderId);
}
