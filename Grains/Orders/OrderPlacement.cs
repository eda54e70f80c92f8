using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orders.Grains.Catalog;
using Orders.Grains.Inventory;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Orders;

/// <summary>
/// Places an order whose id its caller made up for it without the order's activation: nobody can
/// ask for the order before this answers, so nothing needs it in memory meanwhile. Made, started
/// and ended for every order, with its directory entry, that activation was more than a quarter
/// of the silo's CPU an order and two fifths of its allocations (docs/performance.md,
/// "Placement without the order's activation"). The worker takes the order's own steps
/// (<see cref="OrderSteps"/>) and inserts its row as the order would; the order's grain reads
/// that row when first asked. An order with a line short is stored rejected here too, its held lines
/// given back (nothing was charged yet); one for a product this silo saw run short
/// (<see cref="ShortStock"/>) and still short holds nothing first: in a sold-out flash sale,
/// every order.
/// <para>
/// What is not the usual path goes to the order's grain, which repeats safely any step taken here
/// (a hold and the charge are kept by the order id): before anything is held, a restaurant that
/// answers for itself (<see cref="NeverStored.PlaceNew"/>, no read); after, a charge answered
/// otherwise than paid (<see cref="IOrderGrain.TakeOver"/>, at the prices charged).
/// A placement lost on the way ends as it does in the grain: its holds come due, the stock asks the
/// order, which finds nothing stored, voids the charge and records the loss; the insert then fails
/// on that record, and the caller is told.
/// </para>
/// </summary>
// Reentrant: the worker keeps nothing between calls, and a call waits mostly on others.
[StatelessWorker, Reentrant]
public sealed class OrderPlacement(
    IGrainFactory grains,
    ProductCache catalog,
    RestaurantCache restaurants,
    ShortStock shortStock,
    PaymentGateway payments,
    IOptions<LifecycleOptions> lifecycle,
    ILogger<OrderPlacement> logger,
    TimeProvider clock) : Grain, IOrderPlacement
{
    private IGrainStorage Storage => field ??= ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    async Task<Result<OrderSnapshot>> IOrderPlacement.PlaceNew(string orderId, PlaceOrder command)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var (placed, byGrain) = await Place(orderId, command);
        // The order's grain measures a placement handed over to it, whole, itself.
        if (!byGrain)
            PlacementSteps.Took(PlacementSteps.Whole, startedAt);
        return placed;
    }

    /// <summary>The placement's outcome, and whether the order's grain took it over.</summary>
    private async Task<(Result<OrderSnapshot> Placed, bool ByGrain)> Place(string orderId, PlaceOrder command)
    {
        var order = grains.Reference<IOrderGrain>(orderId);
        var lines = command.NormalLines();
        var priced = await catalog.Price(lines);
        if (priced.Refusal is { } refusal)
            return (refusal, false);

        var pending = OrderState.Pending(command, priced.Value!, clock.GetUtcNow());
        var shortLines = await shortStock.StillShort(grains, orderId, lines);
        if (shortLines.Count > 0)
            return await Reject(order, command, pending.Rejected(shortLines, clock.GetUtcNow()));
        if (await restaurants.StandingAnswer(priced.Value!.Restaurant.Id) is not null)
            return (await order.PlaceNew(command), true);

        var reservations = await grains.Reserve(orderId, pending.Lines);
        if (reservations.Any(reservation => reservation.WasHeld))
            throw new InvalidOperationException($"order '{orderId}' was to be new, yet its stock holds an earlier placement's units");
        if (!reservations.All(reservation => reservation.IsHeld))
        {
            // Nothing was charged: an id made up for this placement has no earlier one to undo.
            return await Reject(order, command, await grains.RejectedShort(shortStock, orderId, pending, reservations, clock.GetUtcNow()));
        }

        var placed = pending.Placed(orderId, clock.GetUtcNow());
        var chargedAt = Stopwatch.GetTimestamp();
        var charge = payments.Charge(orderId, placed.CustomerId, placed.Total);
        var outcome = await charge.AnsweredWithin(lifecycle.Value.ChargeWait, clock);
        PlacementSteps.Took(PlacementSteps.Charge, chargedAt);
        var stored = placed;
        if (outcome is not null)
        {
            var answer = OrderPayment.Answer(orderId, placed.Total, outcome);
            // A restaurant that closed, or began accepting by itself, while the order was held and
            // charged answers for it as it is paid: its grain stores that answer with the payment.
            if (answer is not { Status: PaymentStatus.Charged, ChargeReference: not null }
                || await restaurants.StandingAnswer(priced.Value!.Restaurant.Id) is not null)
                return (await order.TakeOver(command, priced.Value!), true);
            stored = placed.Paid(orderId, clock.GetUtcNow()) with { Payment = placed.Payment.After(answer) };
        }

        var storedAt = Stopwatch.GetTimestamp();
        // Its products' details are the ones just priced: an update since reaches the order as it
        // is read, and its row at its next write, as for any open order (OrderGrain.Products.cs).
        if (await Insert(order, stored) is not { } written)
            return (OrderGrain.LostWhilePlaced(orderId), false);
        PlacementSteps.Took(PlacementSteps.Store, storedAt);
        if (outcome is null)
            _ = order.TellWhenCharged(placed.Total, charge, logger);
        await grains.ClaimHolds(orderId, written.Lines);
        return (written.Snapshot(orderId), false);
    }

    /// <summary>
    /// An order that holds nothing, stored <paramref name="rejected"/> as its grain would store it.
    /// A version stored already is not the usual path, and the order's grain answers over it.
    /// </summary>
    private async Task<(Result<OrderSnapshot> Placed, bool ByGrain)> Reject(IOrderGrain order, PlaceOrder command, OrderState rejected) =>
        await Insert(order, rejected) is { } written
            ? (Refusal.FailedPrecondition(written.LastReason), false)
            : (await order.Place(command), true);

    /// <summary>
    /// Writes <paramref name="state"/> as the order's first version, with the time it is to wake,
    /// as its grain would (<see cref="OrderGrain.StateName"/>), and gives back what storage kept;
    /// null if a version is stored already: the loss its stock had it record.
    /// </summary>
    private async Task<OrderState?> Insert(IOrderGrain order, OrderState state)
    {
        var first = new GrainState<OrderState>(state with { WakeAt = state.NextWake(lifecycle.Value, clock.GetUtcNow()) });
        try
        {
            await Storage.WriteStateAsync(OrderGrain.StateName, order.GetGrainId(), first);
            return first.State;
        }
        catch (InconsistentStateException)
        {
            return null;
        }
    }
}
