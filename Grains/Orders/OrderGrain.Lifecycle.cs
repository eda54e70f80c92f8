using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Orders;

/// <summary>The order after placement: restaurant and driver commands, dispatch's events, timeouts.</summary>
public sealed partial class OrderGrain
{
    async Task<Result<OrderSnapshot>> IOrderGrain.Accept(string restaurantId, string zone)
    {
        if (Refuse(restaurantId) is { } refusal)
            return refusal;
        if (State.Status.IsAccepted())
            return State.Snapshot(OrderId);
        if (State.Status != OrderStatus.Paid)
            return Refusal.FailedPrecondition($"order '{OrderId}' is {State.Status.Name()}; only a paid order can be accepted");

        await Save(Accepted(State, zone, clock.GetUtcNow()));
        return State.Snapshot(OrderId);
    }

    async Task<Result<OrderSnapshot>> IOrderGrain.Reject(string restaurantId, string reason)
    {
        if (Refuse(restaurantId) is { } refusal)
            return refusal;
        if (State.Status == OrderStatus.Cancelled && State.LastReason.StartsWith(RejectedPrefix, StringComparison.Ordinal))
            return State.Snapshot(OrderId);         // a retried reject
        if (State.Status != OrderStatus.Paid)
            return Refusal.FailedPrecondition($"order '{OrderId}' is {State.Status.Name()}; only a paid order can be rejected");

        return await End(OrderStatus.Cancelled, RejectedBecause(reason));
    }

    async Task<Result<OrderSnapshot>> IOrderGrain.MarkReady(string restaurantId)
    {
        if (Refuse(restaurantId) is { } refusal)
            return refusal;
        if (State.Status != OrderStatus.Accepted)
        {
            // Ready or further on: a repeated tick or click. Cancelled, or never accepted: nothing to make ready.
            return State.Status.IsAccepted()
                ? State.Snapshot(OrderId)
                : Refusal.FailedPrecondition($"order '{OrderId}' is {State.Status.Name()}; only an accepted order can be ready");
        }

        var now = clock.GetUtcNow();
        var ready = State.MoveTo(OrderStatus.Ready, now, "the kitchen is done");
        await Save(outbox.Raise(ready, now, header => new OrderReady(header, OrderId, ready.CustomerId, ready.Restaurant.Id)));
        return State.Snapshot(OrderId);
    }

    async Task<Result<OrderSnapshot>> IOrderGrain.UpdateDelivery(DeliveryStatus delivery)
    {
        if (!State.Exists)
            return NotFound();
        if (State.DriverId is not { } driverId)
            return Refusal.FailedPrecondition($"order '{OrderId}' has no driver yet");
        if (delivery.Reached(State.Status))
            return State.Snapshot(OrderId);
        if (State.AfterDelivery(delivery) is not { } next)
            return Refusal.FailedPrecondition(
                $"order '{OrderId}' is {State.Status.Name()}; it cannot become {delivery.Name()}");

        var now = clock.GetUtcNow();
        var moved = State.MoveTo(next, now, $"driver {driverId}: {delivery.Name()}");
        await Save(outbox.Raise(moved, now, header => new DeliveryStatusChanged(
            header, OrderId, moved.CustomerId, driverId, moved.Zone, delivery,
            delivery == DeliveryStatus.Delivered ? moved.ProductIds : [])));
        return State.Snapshot(OrderId);
    }

    /// <summary>
    /// Called by the wake sweeper once the stored wake time has passed: settles owed stock, ends
    /// an order whose deadline passed, asks the payment again for what is owed, asks the restaurant
    /// whether the kitchen has an order long accepted and not ready, and dispatch whether it has an
    /// order long without a driver, and stores the next wake time.
    /// Work that fails waits a <see cref="LifecycleOptions.ReminderPeriod"/> before it is tried
    /// again, rather than coming back with every sweep. A stock that cannot settle
    /// holds back neither the deadline nor the refund's ask: a refund would otherwise wait as long
    /// as one of the order's products is out of reach.
    /// </summary>
    async Task IWakeable.Wake()
    {
        if (State.WakeAt is not { } due || due > clock.GetUtcNow())
            return;
        var stockOwed = !await TrySettleStock();
        try
        {
            if (State.Deadline(lifecycle.Value) is { } deadline && deadline <= clock.GetUtcNow())
            {
                var (waitedIn, reason) = (State.Status, State.TimeoutReason);
                await End(OrderStatus.Cancelled, reason);
                // No one asked for this end: the line is what support finds when asked about the order.
                LogTimedOut(logger, OrderId, waitedIn.Name(), reason);
                return;
            }

            await AskPaymentForWhatIsOwed();
            if (State.KitchenCheckDue(lifecycle.Value, clock.GetUtcNow()))
                await grains.Reference<IRestaurantGrain>(State.Restaurant.Id).CheckKitchen(OrderId);
            if (State.DriverCheckDue(lifecycle.Value, clock.GetUtcNow()))
                await grains.Reference<IDispatchGrain>(State.Zone).CheckWaiting(OrderId, State.CustomerId);
            var next = NextWake(State);
            var retry = clock.GetUtcNow() + lifecycle.Value.ReminderPeriod;
            await SaveWake(stockOwed && (next is null || next > retry) ? retry : next);
        }
        catch
        {
            // The sweeper logs the wake's failure. Should the later wake not be stored either, the
            // stored one, still past, brings the order back at the next sweep.
            await WakeAgainAt(clock.GetUtcNow() + lifecycle.Value.ReminderPeriod);
            throw;
        }
    }

    async Task<bool> IOrderGrain.DriverAssigned(DeliveryStatusChanged assignment)
    {
        await Apply(assignment);
        // An order that took this driver from the event, and ended with them before this call came,
        // has taken them: said no, dispatch would raise the delivery cancelled for the driver.
        return State.Exists && (!State.Status.IsTerminal() || State.DriverId == assignment.DriverId);
    }

    /// <summary>Driver assignments, each applied once.</summary>
    private async Task Apply(DomainEvent domainEvent)
    {
        // Nothing happens to an order that was never placed (a stray event names it).
        if (!State.Exists || State.Applied.Contains(domainEvent.Header))
            return;

        var applied = State with { Applied = State.Applied.Add(domainEvent.Header) };
        switch (domainEvent)
        {
            case DeliveryStatusChanged { Status: DeliveryStatus.Assigned } assigned when !State.Status.IsTerminal():
                await Save(applied with { DriverId = assigned.DriverId });
                break;
            default:
                // An assignment that came after the order ended: only marked as applied.
                await Save(applied);
                break;
        }
    }

    /// <summary>Refuses a restaurant command for an order that does not exist or is another restaurant's.</summary>
    private Refusal? Refuse(string restaurantId) =>
        State.Exists && State.Restaurant.Id == restaurantId ? null : Refusal.NotFound($"order '{OrderId}' not found at restaurant '{restaurantId}'");
}
