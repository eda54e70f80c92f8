namespace Orders.Grains.Inventory;

/// <summary>
/// The stock rules of one product: the counts, and what each open order holds. Every change
/// returns a new state with the version bumped; the grain decides when to write it.
/// </summary>
/// <remarks>
/// A sale forgets its order. An order reserves only while it is pending and is committed only
/// once accepted, so no reserve of it can follow the commit; keeping sales would make the state,
/// and each activation's read of it, grow with every unit the product ever sold.
/// </remarks>
public sealed record InventoryState(StockLevel Level, ImmutableDictionary<string, StockHold> Holds)
{
    public static readonly InventoryState Empty = new(new StockLevel(0, 0, 0, 0), ImmutableDictionary<string, StockHold>.Empty);

    public int OnHand => Level.OnHand;

    public int Reserved => Level.Reserved;

    public long Version => Level.Version;

    public int Available => Level.Available;

    /// <summary>The quantity an order holds, if it holds any.</summary>
    public int? HeldBy(string orderId) => Holds.TryGetValue(orderId, out var hold) ? hold.Quantity : null;

    /// <summary>Whether on hand can become <paramref name="onHand"/> without dropping below what is reserved.</summary>
    public bool CanHold(long onHand) => onHand >= Reserved && onHand <= int.MaxValue;

    public InventoryState WithOnHand(int onHand) => Counted(onHand, Reserved, Level.Sold);

    public InventoryState Hold(string orderId, int quantity, DateTimeOffset confirmBy) =>
        Counted(OnHand, Reserved + quantity, Level.Sold) with { Holds = Holds.Add(orderId, new StockHold(quantity, confirmBy)) };

    /// <summary>The orders whose holds were to be claimed by <paramref name="now"/> and are not yet.</summary>
    public IEnumerable<string> Unclaimed(DateTimeOffset now) =>
        Holds.Where(hold => hold.Value.ConfirmBy <= now).Select(hold => hold.Key);

    /// <summary>When the next hold comes due for its order's claim; null if none awaits one.</summary>
    public DateTimeOffset? NextClaimDue() => Holds.Values.Min(hold => hold.ConfirmBy);

    /// <summary>The order's hold as claimed: no longer awaiting its order's word (the counts are unchanged).</summary>
    public InventoryState Claimed(string orderId) =>
        Holds.TryGetValue(orderId, out var hold) ? this with { Holds = Holds.SetItem(orderId, hold with { ConfirmBy = null }) } : this;

    public InventoryState Commit(string orderId) =>
        Holds.TryGetValue(orderId, out var hold)
            ? Counted(OnHand - hold.Quantity, Reserved - hold.Quantity, Level.Sold + hold.Quantity) with { Holds = Holds.Remove(orderId) }
            : this;

    public InventoryState Release(string orderId) =>
        Holds.TryGetValue(orderId, out var hold)
            ? Counted(OnHand, Reserved - hold.Quantity, Level.Sold) with { Holds = Holds.Remove(orderId) }
            : this;

    private InventoryState Counted(int onHand, int reserved, int sold) =>
        this with { Level = new StockLevel(onHand, reserved, sold, Version + 1) };
}
