namespace Orders.Grains.Inventory;

/// <summary>
/// Stock of one product: what is on hand and what open orders hold. Concurrent calls share
/// writes (<see cref="GroupCommit{T}"/>): a flash sale's reservations of one product cost one
/// storage round trip per batch, not one each.
/// </summary>
// Reentrant is safe: every method decides on the in-memory state and applies its change with no
// await in between, then waits for the write that makes it durable before it answers.
[Reentrant]
public sealed class InventoryGrain(
    [PersistentState("inventory", StorageNames.Main)] IPersistentState<InventoryState> stock)
    : Grain, IInventoryGrain
{
    private GroupCommit<InventoryState>? commits;

    private GroupCommit<InventoryState> Stock => commits ??= new GroupCommit<InventoryState>(stock, this);

    async Task<Result<StockLevel>> IInventoryGrain.Adjust(int delta)
    {
        var onHand = (long)Stock.State.OnHand + delta;
        if (!Stock.State.CanHold(onHand))
            return await Refuse(Refusal.FailedPrecondition(
                $"cannot change on hand by {delta}: {Stock.State.OnHand} on hand, {Stock.State.Reserved} reserved"));

        return await Save(Stock.State.WithOnHand((int)onHand));
    }

    async Task<Result<StockLevel>> IInventoryGrain.SetOnHand(int onHand, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != Stock.State.Version)
            return await Refuse(Refusal.FailedPrecondition(
                $"stock is at version {Stock.State.Version}, not the expected {expected}"));
        if (!Stock.State.CanHold(onHand))
            return await Refuse(Refusal.FailedPrecondition(
                $"cannot set on hand to {onHand}: {Stock.State.Reserved} units are reserved"));

        return await Save(Stock.State.WithOnHand(onHand));
    }

    async Task<StockLevel> IInventoryGrain.Get()
    {
        var level = Stock.State.Level;
        await Stock.Durable();
        return level;
    }

    async Task<Reservation> IInventoryGrain.Reserve(string orderId, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (Stock.State.HeldBy(orderId) is { } held)
        {
            await Stock.Durable();                           // a retry: same answer, no second hold
            return Reservation.Held(held);
        }
        if (quantity > Stock.State.Available)
        {
            var available = Stock.State.Available;
            await Stock.Durable();
            return Reservation.Short(available);
        }

        await Stock.Save(Stock.State.Hold(orderId, quantity));
        return Reservation.Held(quantity);
    }

    async Task IInventoryGrain.Commit(string orderId)
    {
        var next = Stock.State.Commit(orderId);
        await (next == Stock.State ? Stock.Durable() : Stock.Save(next));
    }

    async Task IInventoryGrain.Release(string orderId)
    {
        var next = Stock.State.Release(orderId);
        await (next == Stock.State ? Stock.Durable() : Stock.Save(next));
    }

    private async Task<StockLevel> Save(InventoryState next)
    {
        await Stock.Save(next);
        return next.Level;
    }

    /// <summary>A refusal is only as good as the state it read, so it too waits until that state is durable.</summary>
    private async Task<Result<StockLevel>> Refuse(Refusal refusal)
    {
        await Stock.Durable();
        return refusal;
    }
}
