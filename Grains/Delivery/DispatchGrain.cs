using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Grains.Events;
using Orders.Grains.Orders;

namespace Orders.Grains.Delivery;

/// <summary>
/// Matches a zone's accepted orders with its free drivers, longest waiting with longest free.
/// Every assignment is made here, one call at a time, so no driver ever holds two orders; it is
/// published as DeliveryStatusChanged(Assigned) to the order, the driver and the customer, and
/// told to the order directly as well.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Dispatch)]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed partial class DispatchGrain(
    [PersistentState("dispatch", StorageNames.Main)] IPersistentState<DispatchState> board,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<LifecycleOptions> lifecycle,
    ILogger<DispatchGrain> logger) : Grain, IDispatchGrain, IStreamSubscriptionObserver
{
    private EventOutbox<DispatchState> outbox = null!;

    /// <summary>When a waiting order's ask may next have the busy drivers' orders asked whether they ended.</summary>
    private DateTimeOffset busyCheckDue = DateTimeOffset.MinValue;

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    private string Zone => this.GetPrimaryKeyString();

    private DispatchState State => board.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        outbox = new EventOutbox<DispatchState>(board, this, EventSources.Dispatch(Zone));
        await outbox.Resume();
    }

    async Task<Result<DispatchView>> IDispatchGrain.SetAvailability(string driverId, bool onDuty)
    {
        // A driver going off duty while delivering keeps that order and is given no other once it is
        // delivered, as one named by hand off duty: refused instead, it was matched with the next
        // waiting order the moment it delivered, and could never end its shift while orders waited.
        var next = await WithoutEndedOrder(State, driverId);
        if (next.OnDuty.Contains(driverId) != onDuty)
            next = next.WithAvailability(driverId, onDuty);
        if (next != State)
            await Save(Matched(next));
        return State.View();
    }

    /// <summary>
    /// Frees a driver whose order ended without dispatch hearing of it: its delivery or its
    /// cancellation went to the dead letters (its delivery failed every attempt), which would keep the
    /// driver busy for good. Asked whenever the driver says whether they work, so coming on or going
    /// off duty mends it.
    /// </summary>
    /// <remarks>
    /// An order that cannot answer now (its silo dying) is asked again at the driver's next word;
    /// the driver's own call goes on meanwhile.
    /// </remarks>
    private async Task<DispatchState> WithoutEndedOrder(DispatchState state, string driverId) =>
        state.Busy.TryGetValue(driverId, out var orderId) ? Without(state, driverId, await EndedOrder(orderId, driverId)) : state;

    /// <summary><paramref name="order"/> ended, so its driver is free again; nothing if it has not.</summary>
    private DispatchState Without(DispatchState state, string driverId, OrderSnapshot? order) =>
        order is null || state.Busy.GetValueOrDefault(driverId) != order.OrderId ? state
        : order.Status == OrderStatus.Delivered ? state.Release(driverId)
        : Released(state, order.OrderId, order.CustomerId, driverId);

    /// <summary>The order <paramref name="driverId"/> holds, if it has ended; null if not, or if it cannot say now.</summary>
    private async Task<OrderSnapshot?> EndedOrder(string orderId, string driverId)
    {
        try
        {
            return await grains.Reference<IOrderGrain>(orderId).Get() is { } order && order.Status.IsTerminal() ? order : null;
        }
        catch (Exception failure) when (failure is OrleansException or TimeoutException)
        {
            LogOrderUnanswered(logger, failure, orderId, driverId);
            return null;
        }
    }

    /// <summary>
    /// An order waiting for a driver asks whether dispatch has it: its OrderAccepted may have gone to
    /// the dead letters, and with it the order's only way onto the board; or dispatch gave it a
    /// driver it never heard of (the direct tell failed, and the assignment's event went to the dead
    /// letters), which it is told again. And while orders wait and no driver is free, the busy
    /// drivers' orders are asked whether they ended (at most once a
    /// <see cref="LifecycleOptions.DriverCheck"/>): a delivery or cancellation lost the same way
    /// would keep its driver busy for good, and the waiting orders would be cancelled for want of one.
    /// </summary>
    async Task IDispatchGrain.CheckWaiting(string orderId, string customerId)
    {
        if (State.DriverOf(orderId) is { } driverId)
        {
            await TellAgain(orderId, customerId, driverId);
            return;
        }

        var next = await WithWaiting(State, orderId, customerId);
        if (!next.Waiting.IsEmpty && next.Free.IsEmpty && clock.GetUtcNow() >= busyCheckDue)
        {
            busyCheckDue = clock.GetUtcNow() + lifecycle.Value.DriverCheck;
            var busy = next.Busy.ToList();
            var ended = await Task.WhenAll(busy.Select(driver => EndedOrder(driver.Value, driver.Key)));
            next = busy.Zip(ended).Aggregate(next, (state, driver) => Without(state, driver.First.Key, driver.Second));
        }

        if (next != State)
            await Save(Matched(next));
    }

    /// <summary>The order waiting on the board, if dispatch does not hold it yet and it still needs a driver.</summary>
    private async Task<DispatchState> WithWaiting(DispatchState state, string orderId, string customerId) =>
        !state.Holds(orderId) && await grains.Reference<IOrderGrain>(orderId).Status() is OrderStatus.Accepted or OrderStatus.Ready
            ? state with { Waiting = state.Waiting.Add(new WaitingOrder(orderId, customerId)) }
            : state;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} did not say whether it ended; driver {DriverId} stays with it until asked again")]
    private static partial void LogOrderUnanswered(ILogger logger, Exception failure, string orderId, string driverId);

    Task<Result<DispatchView>> IDispatchGrain.ConfirmAssignment(string orderId, string driverId) => Task.FromResult<Result<DispatchView>>(
        State.DriverOf(orderId) switch
        {
            { } current when current == driverId => State.View(),
            // Who delivers it is the order's customer's, restaurant's and driver's business, not every courier's.
            { } => Refusal.FailedPrecondition($"order '{orderId}' has another driver"),
            null when State.IsWaiting(orderId) => Refusal.FailedPrecondition(
                $"order '{orderId}' is waiting for a driver in zone '{Zone}'; it goes to the first driver free there"),
            null => Refusal.FailedPrecondition($"order '{orderId}' is not waiting for a driver in zone '{Zone}'"),
        });

    async Task<Result<DispatchView>> IDispatchGrain.AssignByHand(string orderId, string driverId)
    {
        var next = await WithoutEndedOrder(State, driverId);
        if (next.DriverOf(orderId) == driverId)
            return next.View();
        if (next.Busy.TryGetValue(driverId, out var delivering) || next.DriverOf(orderId) is not null || !next.IsWaiting(orderId))
        {
            if (next != State)
                await Save(Matched(next));
            return delivering is not null
                ? Refusal.FailedPrecondition($"driver '{driverId}' is delivering order '{delivering}'")
                : await ((IDispatchGrain)this).ConfirmAssignment(orderId, driverId);
        }

        await Save(Matched(Assigned(next, next.Waiting.First(waiting => waiting.OrderId == orderId), driverId)));
        // An order that ended as it was assigned did not take its driver: confirmed, not assumed.
        return await ((IDispatchGrain)this).ConfirmAssignment(orderId, driverId);
    }

    Task<DispatchView> IDispatchGrain.View() => Task.FromResult(State.View());

    /// <summary>
    /// Order events, each applied once. The board keeps no dedupe mark per order (those grew with
    /// every order the zone ever had): it says whether it holds an order, and for an accepted order
    /// it does not hold the order's status says whether it still needs a driver, so an
    /// OrderAccepted delivered again after the order was delivered or cancelled changes nothing.
    /// A cancellation or delivery acts only on the driver still holding that order.
    /// </summary>
    private async Task Apply(DomainEvent domainEvent)
    {
        var next = State;
        switch (domainEvent)
        {
            case OrderAccepted accepted:
                next = await WithWaiting(next, accepted.OrderId, accepted.CustomerId);
                break;
            case OrderCancelled cancelled when next.DriverOf(cancelled.OrderId) is { } driverId:
                next = Released(next, cancelled.OrderId, cancelled.CustomerId, driverId);
                break;
            case OrderCancelled cancelled when next.IsWaiting(cancelled.OrderId):
                next = next with { Waiting = next.Waiting.RemoveAll(waiting => waiting.OrderId == cancelled.OrderId) };
                break;
            case DeliveryStatusChanged { Status: DeliveryStatus.Delivered } delivered when next.Busy.GetValueOrDefault(delivered.DriverId) == delivered.OrderId:
                next = next.Release(delivered.DriverId);
                break;
        }

        if (next != State)
            await Save(Matched(next));
    }

    /// <summary>
    /// Writes the board with its events, then tells each order it gave a driver before answering
    /// whoever caused it: a driver may report the pickup as soon as dispatch has answered, and
    /// the order hears of its driver no later. The event still reaches the order, which applies
    /// the assignment once, so a tell that fails (the order's silo is gone) is only logged: the
    /// assignment is made and stored, and its caller should not hear otherwise. An order that
    /// ended before dispatch heard of it (its cancellation still queued, or lost to the dead
    /// letters) does not take its driver, who is free again at once for the next order.
    /// </summary>
    private async Task Save(DispatchState next)
    {
        var assignments = next.Outbox.Pending
            .Where(pending => pending.Header.Sequence > State.Outbox.LastSequence)
            .OfType<DeliveryStatusChanged>()
            .Where(changed => changed.Status == DeliveryStatus.Assigned)
            .ToList();
        await outbox.Save(next);
        var taken = await Task.WhenAll(assignments.Select(TellOrder));
        var refused = assignments.Where((_, index) => !taken[index]).ToList();
        if (refused.Count > 0)
            await Save(Matched(refused.Aggregate(State, (state, assigned) => Released(state, assigned.OrderId, assigned.CustomerId, assigned.DriverId))));
    }

    /// <summary>Whether the order takes its driver; a tell that failed counts as taken (the event follows).</summary>
    private async Task<bool> TellOrder(DeliveryStatusChanged assigned)
    {
        try
        {
            return await grains.Reference<IOrderGrain>(assigned.OrderId).DriverAssigned(assigned);
        }
        catch (Exception failure)
        {
            LogTellFailed(logger, failure, assigned.OrderId);
            return true;
        }
    }

    /// <summary>
    /// Tells an order the driver dispatch holds for it, as its assignment's event would have. The
    /// event is made for the order alone (its customer and driver heard of the assignment, or their
    /// copies wait in the dead letters) and carries the board's latest sequence number: no lower
    /// than the assignment's, which the order never applied, so the order applies it once. (The
    /// order acts on no other event of the board's, so a later sequence number passes over none.)
    /// </summary>
    private async Task TellAgain(string orderId, string customerId, string driverId)
    {
        var header = new EventHeader(Guid.NewGuid(), EventSources.Dispatch(Zone), State.Outbox.LastSequence, clock.GetUtcNow(), TraceParent: null);
        var assigned = new DeliveryStatusChanged(header, orderId, customerId, driverId, Zone, DeliveryStatus.Assigned, []);
        if (!await TellOrder(assigned))
            await Save(Matched(Released(State, orderId, customerId, driverId)));
    }

    /// <summary><paramref name="driverId"/> no longer delivers the order: free again if on duty, and told so with the order's customer.</summary>
    private DispatchState Released(DispatchState state, string orderId, string customerId, string driverId) =>
        outbox.Raise(state.Release(driverId), clock.GetUtcNow(), header => new DeliveryStatusChanged(
            header, orderId, customerId, driverId, Zone, DeliveryStatus.Cancelled, []));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was not told of its driver directly; it hears of it from the assignment event")]
    private static partial void LogTellFailed(ILogger logger, Exception failure, string orderId);

    /// <summary>Gives waiting orders to free drivers while there are both.</summary>
    private DispatchState Matched(DispatchState state)
    {
        while (!state.Waiting.IsEmpty && !state.Free.IsEmpty)
            state = Assigned(state, state.Waiting[0], state.Free[0]);
        return state;
    }

    private DispatchState Assigned(DispatchState state, WaitingOrder order, string driverId) =>
        outbox.Raise(state.Assign(order.OrderId, driverId), clock.GetUtcNow(), header => new DeliveryStatusChanged(
            header, order.OrderId, order.CustomerId, driverId, Zone, DeliveryStatus.Assigned, []));
}
