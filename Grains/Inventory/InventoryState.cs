namespace Orders.Grains.Inventory;

/// <summary>
/// The stock rules of one product: the counts, and what each order holds. Every change returns a
/// new state with the version bumped; the grain decides when to write it. Orders keep their entry
/// after a sale, so a late retry of a reserve gets its old answer.
/// </summary>
public sealed record InventoryState(StockLevel Level, ImmutableDictionary<string, StockHold> Orders)
{
    public static readonly InventoryState Empty = new(new StockLevel(0, 0, 0, 0), ImmutableDictionary<string, StockHold>.Empty);

    public int OnHand => Level.OnHand;

    public int Reserved => Level.Reserved;

    public long Version => Level.Version;

    public int Available => Level.Available;

    /// <summary>The quantity an order holds or has bought, if any.</summary>
    public int? HeldBy(string orderId) => Orders.TryGetValue(orderId, out var hold) ? hold.Quantity : null;

    /// <summary>Whether on hand can become <paramref name="onHand"/> without dropping below what is reserved.</summary>
    public bool CanHold(long onHand) => onHand >= Reserved && onHand <= int.MaxValue;

    public InventoryState WithOnHand(int onHand) => Counted(onHand, Reserved, Level.Sold);

    public InventoryState Hold(string orderId, int quantity) =>
        Counted(OnHand, Reserved + quantity, Level.Sold) with { Orders = Orders.Add(orderId, StockHold.Reserved(quantity)) };

    public InventoryState Commit(string orderId) =>
        Orders.TryGetValue(orderId, out var hold) && !hold.Sold
            ? Counted(OnHand - hold.Quantity, Reserved - hold.Quantity, Level.Sold + hold.Quantity)
                with { Orders = Orders.SetItem(orderId, hold with { Sold = true }) }
            : this;

    public InventoryState Release(string orderId) =>
        Orders.TryGetValue(orderId, out var hold) && !hold.Sold
            ? Counted(OnHand, Reserved - hold.Quantity, Level.Sold) with { Orders = Orders.Remove(orderId) }
            : this;

    private InventoryState Counted(int onHand, int reserved, int sold) =>
        this with { Level = new StockLevel(onHand, reserved, sold, Version + 1) };
}
