using Microsoft.Extensions.Logging;
using Orders.Grains.Orders;

namespace Orders.Grains.Inventory;

/// <summary>
/// An order reserves before it is first stored: its placement writes once, after its lines are
/// held and its charge is answered. A placement lost with its silo in between leaves holds that
/// no stored order owns, so each hold is to be claimed in time (<see cref="StockHold.ConfirmBy"/>,
/// a <see cref="LifecycleOptions.PlacementTimeout"/> after it was taken): from then on the stock
/// asks its order (<see cref="IOrderGrain.ClaimsHold"/>), and gives back the hold of one that
/// disowns it. An order's calls are taken one at a time, so one still placing answers once its
/// write is done. A claim costs no write of its own: it is stored with the stock's next write, so
/// a busy product's next activation does not ask again the orders that claimed their holds.
/// </summary>
public sealed partial class InventoryGrain
{
    /// <summary>How many orders are asked at once: a hot product may hold thousands.</summary>
    private const int ClaimsAskedAtOnce = 64;

    private IGrainTimer? askingForClaims;

    /// <summary>
    /// Starts asking when the next hold comes due, if one awaits a claim and no asking is under way;
    /// then every quarter of the timeout until none does. The timer does not keep the activation
    /// alive: the next activation starts it again.
    /// </summary>
    private void AskForClaimsInTime()
    {
        if (askingForClaims is not null || stock.NextClaimDue() is not { } next)
            return;
        var due = next - clock.GetUtcNow();
        // Interleaved, as the grain's calls are: an order asked may be waiting on this stock.
        askingForClaims = this.RegisterGrainTimer(AskForClaims, new GrainTimerCreationOptions(
            due > TimeSpan.Zero ? due : TimeSpan.Zero, lifecycle.Value.PlacementTimeout / 4) { Interleave = true });
    }

    private async Task AskForClaims(CancellationToken cancellationToken)
    {
        foreach (var asked in stock.Unclaimed(clock.GetUtcNow()).ToList().Chunk(ClaimsAskedAtOnce))
            await Task.WhenAll(asked.Select(AskForClaim));
        if (stock.NextClaimDue() is null)
        {
            askingForClaims?.Dispose();
            askingForClaims = null;
        }
    }

    private async Task AskForClaim(string orderId)
    {
        try
        {
            if (!await GrainFactory.Reference<IOrderGrain>(orderId).ClaimsHold(this.GetPrimaryKeyString()))
            {
                await Settle(stock.Release(orderId), orderId);
            }
            else if (stock.HeldBy(orderId) is not null)     // unless it went while the order answered
            {
                stock = stock.Claimed(orderId);
                ledger.SaveWithNextWrite(orderId, stock.Holds[orderId]);
            }
        }
        catch (Exception failure)
        {
            LogClaimNotAnswered(logger, failure, orderId, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} did not say whether it claims its hold on {ProductId}; asked again later")]
    private static partial void LogClaimNotAnswered(ILogger logger, Exception failure, string orderId, string productId);
}
