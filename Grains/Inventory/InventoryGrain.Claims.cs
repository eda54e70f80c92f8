using Microsoft.Extensions.Logging;
using Orders.Grains.Orders;

namespace Orders.Grains.Inventory;

/// <summary>
/// An order reserves before it is first stored: its placement writes once, after its lines are
/// held and its charge is answered. A placement lost with its silo in between leaves holds that
/// no stored order owns, so each hold is to be claimed in time (<see cref="StockHold.ClaimBy"/>,
/// a <see cref="LifecycleOptions.PlacementTimeout"/> after it was taken): from then on the stock
/// asks its order (<see cref="IOrderGrain.ClaimsHold"/>), and gives back the hold of one that
/// disowns it. An order's calls are taken one at a time, so one still placing answers once its
/// write is done. A stored order says it claims its holds as soon as it is stored
/// (<see cref="IInventoryGrain.Claimed"/>), so the stock asks only the orders it has not heard
/// from, and does not wake every order that left memory once placed. Claims cost no write of
/// their own: the stock keeps, with its counts, the time through which every due hold was
/// claimed or given back
/// (<see cref="StockHeader.ClaimsSettledThrough"/>), stored with its next write, so that a busy
/// product's next activation does not ask again the orders that claimed their holds.
/// The asking runs on a timer of the activation, which goes with it (its silo stopped or died,
/// or it was collected while an order did not answer); so each write also stores a wake time
/// (<see cref="WakeAt"/>), and the silos' wake sweeper brings back a stock nobody calls once its
/// holds are overdue.
/// </summary>
public sealed partial class InventoryGrain
{
    /// <summary>How many orders are asked at once: a hot product may hold thousands.</summary>
    private const int ClaimsAskedAtOnce = 64;

    /// <summary>
    /// Orders known to claim their holds whose claims are not settled yet: told by the order
    /// (<see cref="IInventoryGrain.Claimed"/>), or by its answer when asked while an order that
    /// did not answer holds the settled time back. They are not asked (again) while this
    /// activation lives; a later one asks them once more.
    /// </summary>
    private readonly HashSet<string> claimed = new(StringComparer.Ordinal);

    private IGrainTimer? askingForClaims;

    /// <summary>
    /// Starts asking when the next hold comes due, if one awaits a claim and no asking is under way;
    /// then every quarter of the timeout until none does. The timer does not keep the activation
    /// alive: the next activation starts it again.
    /// </summary>
    private void AskForClaimsInTime()
    {
        if (askingForClaims is not null || stock.ClaimsDue is not { } next)
            return;
        var due = next - clock.GetUtcNow();
        // Interleaved, as the grain's calls are: an order asked may be waiting on this stock.
        askingForClaims = this.RegisterGrainTimer(AskForClaims, new GrainTimerCreationOptions(
            due > TimeSpan.Zero ? due : TimeSpan.Zero, lifecycle.Value.PlacementTimeout / 4) { Interleave = true });
    }

    /// <summary>
    /// When a stock whose activation is gone must be brought back to ask for its claims: half a
    /// timeout after its first hold awaiting one comes due. A live activation asks on its timer
    /// within a quarter of it, and a busy stock's next write moves the time on before then, so the
    /// sweeper wakes mostly stocks that are gone (a live one going quiet stores that it awaits no
    /// claim; one whose next hold comes due later than the stored time says is woken once to
    /// store that time). Once that time has passed (an order did not answer) it is a
    /// <see cref="LifecycleOptions.ReminderPeriod"/> from now, as for an order whose work at a wake
    /// failed, so that a stock that cannot settle is not woken every sweep. Rounded up to the
    /// second, as the sweeper sweeps, so that the time storage gives back compares equal to the one
    /// written.
    /// </summary>
    private DateTimeOffset? WakeAt()
    {
        if (stock.ClaimsDue is not { } due)
            return null;
        var now = clock.GetUtcNow();
        var wake = due + lifecycle.Value.PlacementTimeout / 2;
        var ticks = (wake > now ? wake : now + lifecycle.Value.ReminderPeriod).UtcTicks;
        return new DateTimeOffset(ticks + (TimeSpan.TicksPerSecond - ticks % TimeSpan.TicksPerSecond) % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>
    /// Asks for the claims that are due, if that is not under way, and stores when the stock must
    /// next be woken, unless another silo's sweep has already moved that time on.
    /// </summary>
    Task IWakeable.Wake()
    {
        AskForClaimsInTime();
        return ledger.StoredWake > clock.GetUtcNow() ? Task.CompletedTask : ledger.StoreWake(stock.Header);
    }

    Task IInventoryGrain.Claimed(string orderId)
    {
        if (stock.AwaitsClaim(orderId))
            claimed.Add(orderId);
        return Task.CompletedTask;
    }

    private async Task AskForClaims(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = stock.Unclaimed(now).ToList();
        var unanswered = new List<DateTimeOffset>();
        foreach (var asked in due.Where(hold => !claimed.Contains(hold.OrderId)).Chunk(ClaimsAskedAtOnce))
        {
            var answered = await Task.WhenAll(asked.Select(hold => AskForClaim(hold.OrderId)));
            foreach (var (hold, settled) in asked.Zip(answered))
            {
                if (!settled)
                    unanswered.Add(hold.Due);
                // A hold given back meanwhile (its order disowned it, or ended) is not remembered.
                else if (stock.AwaitsClaim(hold.OrderId))
                    claimed.Add(hold.OrderId);
            }
        }
        // Settled up to the first hold whose order did not answer: it is asked again, and the
        // holds claimed due after it are remembered here until the settled time passes them.
        var through = unanswered.Count == 0 ? now : unanswered.Min().AddTicks(-1);
        stock = stock.ClaimsSettledThrough(through);
        foreach (var hold in due.TakeWhile(hold => hold.Due <= through))
            claimed.Remove(hold.OrderId);
        if (stock.ClaimsDue is null)
        {
            askingForClaims?.Dispose();
            askingForClaims = null;
            // Gone quiet: a write of its own stores that no wake is needed, and the settled time with
            // it; none if the last hold awaiting a claim was given back, whose write stored both
            // the wake's end and the settled time every hold kept needs.
            await ledger.StoreWake(stock.Header);
        }
    }

    /// <summary>Asks the order whether it claims its hold, and gives the hold back if not; false if that could not be settled now.</summary>
    private async Task<bool> AskForClaim(string orderId)
    {
        try
        {
            if (!await GrainFactory.Reference<IOrderGrain>(orderId).ClaimsHold(this.GetPrimaryKeyString()))
                await Settle(stock.Release(orderId), orderId);
            return true;
        }
        catch (Exception failure)
        {
            LogClaimNotAnswered(logger, failure, orderId, this.GetPrimaryKeyString());
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} did not say whether it claims its hold on {ProductId}; asked again later")]
    private static partial void LogClaimNotAnswered(ILogger logger, Exception failure, string orderId, string productId);
}
