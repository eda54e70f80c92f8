namespace Orders.Grains.Inventory;

/// <summary>Stock of one product: what is on hand and what open orders hold.</summary>
public sealed class InventoryGrain(
    [PersistentState("inventory", StorageNames.Main)] IPersistentState<InventoryState> stock)
    : Grain, IInventoryGrain
{
    async Task<Result<StockLevel>> IInventoryGrain.Adjust(int delta)
    {
        var onHand = (long)stock.State.OnHand + delta;
        if (!stock.State.CanHold(onHand))
            return Refusal.FailedPrecondition(
                $"cannot change on hand by {delta}: {stock.State.OnHand} on hand, {stock.State.Reserved} reserved");

        return await Save(stock.State.WithOnHand((int)onHand));
    }

    async Task<Result<StockLevel>> IInventoryGrain.SetOnHand(int onHand, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != stock.State.Version)
            return Refusal.FailedPrecondition(
                $"stock is at version {stock.State.Version}, not the expected {expected}");
        if (!stock.State.CanHold(onHand))
            return Refusal.FailedPrecondition(
                $"cannot set on hand to {onHand}: {stock.State.Reserved} units are reserved");

        return await Save(stock.State.WithOnHand(onHand));
    }

    Task<StockLevel> IInventoryGrain.Get() => Task.FromResult(stock.State.Level);

    async Task<Reservation> IInventoryGrain.Reserve(string orderId, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (stock.State.HeldBy(orderId) is { } held)
            return Reservation.Held(held);                 // a retry: same answer, no second hold
        if (quantity > stock.State.Available)
            return Reservation.Short(stock.State.Available);

        await stock.Save(stock.State.Hold(orderId, quantity), this);
        return Reservation.Held(quantity);
    }

    async Task IInventoryGrain.Commit(string orderId)
    {
        var next = stock.State.Commit(orderId);
        if (next != stock.State)
            await stock.Save(next, this);
    }

    async Task IInventoryGrain.Release(string orderId)
    {
        var next = stock.State.Release(orderId);
        if (next != stock.State)
            await stock.Save(next, this);
    }

    private async Task<StockLevel> Save(InventoryState next)
    {
        await stock.Save(next, this);
        return next.Level;
    }
}
