using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Grains.Ledgers;

namespace Orders.Grains.Inventory;

/// <summary>
/// Stock of one product: what is on hand and what open orders hold. The counts and each order's
/// hold are a ledger (<see cref="DurableLedger{THeader,TEntry}"/>): a write carries the counts and
/// the holds that changed, not every open order, and concurrent calls share writes, so a flash
/// sale's reservations of one product cost one storage round trip per batch. A hold is taken
/// before its order is stored, and given back if no stored order claims it in time
/// (<c>InventoryGrain.Claims.cs</c>).
/// </summary>
// Reentrant is safe: every method decides on the in-memory state and applies its change with no
// await in between, then waits for the write that makes it durable before it answers.
[Reentrant]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed partial class InventoryGrain(
    ILedgerStore ledgers,
    IOptions<LifecycleOptions> lifecycle,
    ILogger<InventoryGrain> logger,
    TimeProvider clock) : Grain, IInventoryGrain
{
    private DurableLedger<StockHeader, StockHold> ledger = null!;
    private InventoryState stock = InventoryState.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new DurableLedger<StockHeader, StockHold>(ledgers, this, WakeAt);
        if (await ledger.Load() is { } stored)
            stock = new InventoryState(stored.Header, stored.Entries);
        AskForClaimsInTime();
    }

    async Task<Result<StockLevel>> IInventoryGrain.Adjust(int delta)
    {
        var onHand = (long)stock.OnHand + delta;
        if (stock.CannotHold(onHand) is { } why)
            return await Refuse(Refusal.FailedPrecondition($"cannot change on hand by {delta}: {why}"));

        return await Save(stock.WithOnHand((int)onHand));
    }

    async Task<Result<StockLevel>> IInventoryGrain.SetOnHand(int onHand, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != stock.Version)
            return await Refuse(Refusal.Conflict(
                $"stock is at version {stock.Version}, not the expected {expected}: read it again"));
        if (stock.CannotHold(onHand) is { } why)
            return await Refuse(Refusal.FailedPrecondition($"cannot set on hand to {onHand}: {why}"));

        return await Save(stock.WithOnHand(onHand));
    }

    async Task<StockLevel> IInventoryGrain.Get()
    {
        var level = stock.Level;
        await ledger.Durable();
        return level;
    }

    async Task<(int Available, int Held)> IInventoryGrain.Availability(string orderId)
    {
        var availability = (stock.Available, stock.HeldBy(orderId) ?? 0);
        await ledger.Durable();
        return availability;
    }

    async Task<Reservation> IInventoryGrain.Reserve(string orderId, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (stock.HeldBy(orderId) is { } held)
        {
            // A retry: told it was held before, no second hold. The counts are written unchanged
            // (rare: only a retried placement or a take-over comes here), since the write's version
            // check tells a stale activation, whose silo was declared dead while another gave the
            // hold back, from the live one; from memory it would let the order be placed on a hold
            // nobody keeps.
            await Save(stock);
            return held == quantity ? Reservation.HeldBefore(held) : Reservation.HeldOtherwise(held);
        }
        if (quantity > stock.Available)
        {
            var available = stock.Available;
            await ledger.Durable();
            return Reservation.Short(available);
        }

        var saved = Save(stock.Hold(orderId, quantity, clock.GetUtcNow() + lifecycle.Value.PlacementTimeout), orderId);
        AskForClaimsInTime();
        await saved;
        return Reservation.Held(quantity);
    }

    Task IInventoryGrain.Commit(string orderId) => Settle(stock.Commit(orderId), orderId);

    Task IInventoryGrain.Release(string orderId) => Settle(stock.Release(orderId), orderId);

    /// <summary>
    /// Saves a commit or release. One for an order this activation holds nothing for (a repeat,
    /// most often) writes the counts as they are all the same: the write's version check is what
    /// tells this activation from a stale one, whose silo was declared dead while another
    /// activation took the order's hold, and which would otherwise answer from memory that the
    /// hold was settled while storage keeps it reserved for good.
    /// </summary>
    private Task Settle(InventoryState next, string orderId)
    {
        claimed.Remove(orderId);
        return next == stock ? Save(stock) : Save(next, orderId);
    }

    private async Task<StockLevel> Save(InventoryState next)
    {
        stock = next;
        await ledger.Save(next.Header);
        return next.Level;
    }

    private Task Save(InventoryState next, string orderId)
    {
        stock = next;
        return ledger.Save(next.Header, orderId, next.Holds.GetValueOrDefault(orderId));
    }

    /// <summary>A refusal is only as good as the state it read, so it too waits until that state is durable.</summary>
    private async Task<Result<StockLevel>> Refuse(Refusal refusal)
    {
        await ledger.Durable();
        return refusal;
    }
}
