using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orders.Grains.Inventory;
using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>
/// Placement stores an order once: priced, its lines held, and its charge answered
/// (<see cref="LifecycleOptions.ChargeWait"/>), the order is written paid (or ended, if the
/// charge was declined or its restaurant is closed) with everything that happened on the way in
/// its history and outbox; a charge slower than that has it written placed, and paid when the
/// answer comes. Nothing is answered before that write, so a placement lost with its
/// silo was never acknowledged: a retry takes up its holds and its charge again (both are kept by
/// the order id), and otherwise the stock, once the holds go unclaimed for a
/// <see cref="LifecycleOptions.PlacementTimeout"/>, asks the order, which voids any charge by its
/// id and disowns them (<see cref="IOrderGrain.ClaimsHold"/>).
/// </summary>
public sealed partial class OrderGrain
{
    Task<Result<OrderSnapshot>> IOrderGrain.Place(PlaceOrder command) => Place(command, priced: null);

    Task<Result<OrderSnapshot>> IOrderGrain.TakeOver(PlaceOrder command, PricedOrder priced) => Place(command, priced);

    /// <summary>Places the order, priced from this silo's copy of the catalog unless <paramref name="priced"/> says at what prices.</summary>
    private async Task<Result<OrderSnapshot>> Place(PlaceOrder command, PricedOrder? priced)
    {
        // A vouch that the order was never stored served its activation; it goes no further.
        NeverStored.Forget();
        var stored = Stored;
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            var placed = await PlaceOnce(command, priced);
            await ClaimHoldsAndLeaveMemory();
            PlacementSteps.Took(PlacementSteps.Whole, startedAt);
            return placed;
        }
        finally
        {
            // A retry starts over; holds it took wait for a claim.
            PutBackUnlessWritten(stored);
            readSkipped &= order.Etag is null;
            if (readSkipped)
                DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Tells the stock of a stored open order that it claims its holds, so that their coming due
    /// does not call it; then an order that waits on its restaurant's answer by hand, or has
    /// ended, leaves memory until someone acts on it (its restaurant, its customer, its wake
    /// time), who brings it back with one state read. Kept for Orleans' collection age instead,
    /// every order's activation outlived the collector's youngest generation and was copied on
    /// (docs/performance.md, "Orders leave memory once placed"). An accepted order stays: its
    /// kitchen and dispatch move it within its preparation time. So does one still in use: a slow
    /// charge on its way, someone watching it, events not yet published.
    /// </summary>
    private async Task ClaimHoldsAndLeaveMemory()
    {
        if (!order.RecordExists)
            return;
        if (State.Status.IsOpen())
            await grains.ClaimHolds(OrderId, State.Lines);
        var waitsLong = State.Status == OrderStatus.Paid || State.Status.IsTerminal();
        if (waitsLong && charging is null && !watchers.Any() && outbox.AllPublished)
            DeactivateOnIdle();
    }

    private async Task<Result<OrderSnapshot>> PlaceOnce(PlaceOrder command, PricedOrder? given)
    {
        if (order.RecordExists && !State.Exists)
            return LostWhilePlaced(OrderId);
        if (State.Request is { } first)
        {
            return first.SameAs(command)
                ? PlacementAnswer()
                : Refusal.AlreadyExists($"order '{OrderId}' already exists with other content");
        }

        var lines = command.NormalLines();
        var priced = given is not null ? given : await catalog.Price(lines);
        if (priced.Refusal is { } refusal)
            return refusal;

        var now = clock.GetUtcNow();
        var pending = OrderState.Pending(command, priced.Value!, now);
        var shortLines = await shortStock.StillShort(grains, OrderId, lines);
        if (shortLines.Count > 0)
        {
            await Save(pending.Rejected(shortLines, now));
            return Refusal.FailedPrecondition(State.LastReason);
        }

        order.State = pending;
        return await ReserveAndStore();
    }

    /// <summary>Reserves every line of the order just priced, all or nothing, and stores the outcome.</summary>
    private async Task<Result<OrderSnapshot>> ReserveAndStore()
    {
        var reservations = await grains.Reserve(OrderId, State.Lines);
        // No hold can predate an id made up for this placement: if one does, the vouch was
        // wrong, and nothing is charged or given back on the word of a state never read.
        if (readSkipped && reservations.Any(reservation => reservation.WasHeld))
            throw new InvalidOperationException($"order '{OrderId}' was vouched never stored, yet its stock holds an earlier placement's units");
        if (reservations.Any(reservation => reservation.IsHeldOtherwise))
            return await PlacedOtherwiseBefore(reservations);

        var now = clock.GetUtcNow();
        if (reservations.All(reservation => reservation.IsHeld))
        {
            if (!await PlaceAndCharge(now))
                return await PlacedOtherwiseBefore(reservations);
        }
        else
        {
            // A line held before this reserve is an earlier placement's under this id, which
            // got further and may have charged: its holds go back here, so its charge does too.
            if (!order.RecordExists && reservations.Any(reservation => reservation.WasHeld))
                await VoidLostCharge();
            await Save(await grains.RejectedShort(shortStock, OrderId, State, reservations, now));
        }
        return PlacementAnswer();
    }

    /// <summary>What a placement of the stored order answers, the first time or on a retry of the same request.</summary>
    private Result<OrderSnapshot> PlacementAnswer() => State.Status == OrderStatus.Rejected
        ? Refusal.FailedPrecondition(State.LastReason)
        : State.Snapshot(OrderId);

    /// <summary>
    /// Takes the PLACED step of an order whose every line is held and charges it. A charge
    /// answered within <see cref="LifecycleOptions.ChargeWait"/> is stored with the placement; a
    /// slower one has the order stored PLACED now and moved on by the answer when it comes. False
    /// if an order not stored yet finds its payment key taken (<see cref="ChargeResult.KeyTaken"/>).
    /// </summary>
    private async Task<bool> PlaceAndCharge(DateTimeOffset now)
    {
        order.State = State.Placed(OrderId, now);
        var chargedAt = Stopwatch.GetTimestamp();
        var charge = StartCharge();
        var outcome = await charge.AnsweredWithin(lifecycle.Value.ChargeWait, clock);
        // Answered or not, this is what the placement spent on the charge.
        PlacementSteps.Took(PlacementSteps.Charge, chargedAt);
        var storedAt = Stopwatch.GetTimestamp();
        if (outcome is null)
        {
            // Its answer comes as a call of its own, taken after this one's write.
            charging = TellWhenCharged(charge);
            await Save(State);
            PlacementSteps.Took(PlacementSteps.Store, storedAt);
            await watchers.Changed();
            return true;
        }
        if (outcome.Result == ChargeResult.KeyTaken && !order.RecordExists)
            return false;
        await TakeCharge(OrderPayment.Answer(OrderId, State.Total, outcome));
        PlacementSteps.Took(PlacementSteps.Store, storedAt);
        return true;
    }

    /// <summary>What is stored now, for <see cref="PutBackUnlessWritten"/>.</summary>
    private (OrderState State, string? Etag) Stored => (State, order.Etag);

    /// <summary>
    /// Puts back <paramref name="stored"/> if nothing was written since: a placement refused or cut
    /// short before its write leaves in memory what it took up, which is not what is stored.
    /// </summary>
    private void PutBackUnlessWritten((OrderState State, string? Etag) stored)
    {
        if (order.Etag == stored.Etag)
            order.State = stored.State;
    }

    /// <summary>
    /// Refuses a request whose id an earlier, unanswered placement took with other content. What
    /// this request held itself goes back at once: kept until its claim came due, it would have
    /// refused other customers the units of a request that was refused. The earlier placement's
    /// holds stay for its retry, or for their claim check.
    /// </summary>
    private async Task<Refusal> PlacedOtherwiseBefore(Reservation[] reservations)
    {
        try
        {
            await grains.Release(OrderId, State.Lines.Zip(reservations)
                .Where(pair => pair.Second is { IsHeld: true, WasHeld: false })
                .Select(pair => pair.First));
        }
        catch (Exception failure) when (failure is OrleansException or TimeoutException)
        {
            // The refusal stands; a hold not given back now goes back once its claim comes due.
            LogHoldsKept(logger, failure, OrderId);
        }
        return Refusal.AlreadyExists(
            $"order '{OrderId}' was being placed with other content, or at another price, by an earlier request that was not answered; " +
            "send that request again, or place this order under a new id");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: a request refused for an earlier placement's content could not give back what it held; its holds go back once their claim comes due")]
    private static partial void LogHoldsKept(ILogger logger, Exception failure, string orderId);
}
