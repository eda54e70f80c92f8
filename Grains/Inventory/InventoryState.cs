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

    /// <summary>
    /// When the first hold awaiting its order's claim comes due, or earlier (a hold given back since
    /// it was counted); null if no hold awaits one. Kept as holds are taken and claims settled, so
    /// that a write, which stores it for the wake sweeper, does not go over every hold.
    /// </summary>
    public DateTimeOffset? ClaimsDue { get; private init; } = FirstDue(Level, Holds);

    public int OnHand => Level.OnHand;

    public int Reserved => Level.Reserved;

    public long Version => Level.Version;

    public int Available => Level.Available;

    /// <summary>The quantity an order holds, if it holds any.</summary>
    public int? HeldBy(string orderId) => Holds.TryGetValue(orderId, out var hold) ? hold.Quantity : null;

    /// <summary>
    /// Why on hand cannot become <paramref name="onHand"/>, or null if it can: never below what is
    /// reserved, and never so high that the units sold, which on hand turns into and which are
    /// counted in the same 32 bits, could pass their limit.
    /// </summary>
    public string? CannotHold(long onHand) =>
        onHand < Reserved ? $"{OnHand} on hand, {Reserved} reserved"
        : onHand + Level.Sold > int.MaxValue ? $"on hand and the {Level.Sold} units sold together may not pass {int.MaxValue}"
        : null;

    public InventoryState WithOnHand(int onHand) => Counted(onHand, Reserved, Level.Sold);

    /// <summary>
    /// Holds units for the order, to be claimed by <paramref name="confirmBy"/>, or just after the
    /// time claims are settled through if that is later (a clock behind the one that settled them).
    /// </summary>
    public InventoryState Hold(string orderId, int quantity, DateTimeOffset confirmBy)
    {
        var due = confirmBy > ClaimsSettled ? confirmBy : ClaimsSettled.AddTicks(1);
        return Counted(OnHand, Reserved + quantity, Level.Sold) with
        {
            Holds = Holds.Add(orderId, new StockHold(quantity, due)),
            ClaimsDue = ClaimsDue < due ? ClaimsDue : due,
        };
    }

    /// <summary>The holds to be claimed by <paramref name="now"/> whose claim is not settled, with when each came due.</summary>
    public IEnumerable<(string OrderId, DateTimeOffset Due)> Unclaimed(DateTimeOffset now) =>
        AwaitingClaims().Where(hold => hold.Due <= now);

    /// <summary>The holds whose claims are not settled yet, due or not.</summary>
    public IEnumerable<(string OrderId, DateTimeOffset Due)> AwaitingClaims() => AwaitingClaims(Level, Holds);

    /// <summary>Every hold due by <paramref name="through"/> claimed or given back; the counts and version are unchanged.</summary>
    public InventoryState ClaimsSettledThrough(DateTimeOffset through)
    {
        if (through <= ClaimsSettled)
            return this;
        var level = Level with { ClaimsSettledThrough = through };
        return this with { Level = level, ClaimsDue = FirstDue(level, Holds) };
    }

    private DateTimeOffset ClaimsSettled => SettledThrough(Level);

    private static DateTimeOffset SettledThrough(StockLevel level) => level.ClaimsSettledThrough ?? DateTimeOffset.MinValue;

    private static IEnumerable<(string OrderId, DateTimeOffset Due)> AwaitingClaims(StockLevel level, ImmutableDictionary<string, StockHold> holds) =>
        from hold in holds
        let due = hold.Value.ConfirmBy
        where due > SettledThrough(level)
        select (hold.Key, due.Value);

    private static DateTimeOffset? FirstDue(StockLevel level, ImmutableDictionary<string, StockHold> holds) =>
        AwaitingClaims(level, holds).Min(hold => (DateTimeOffset?)hold.Due);

    public InventoryState Commit(string orderId) =>
        Holds.TryGetValue(orderId, out var hold)
            ? Counted(OnHand - hold.Quantity, Reserved - hold.Quantity, Level.Sold + hold.Quantity) with { Holds = Holds.Remove(orderId) }
            : this;

    public InventoryState Release(string orderId) =>
        Holds.TryGetValue(orderId, out var hold)
            ? Counted(OnHand, Reserved - hold.Quantity, Level.Sold) with { Holds = Holds.Remove(orderId) }
            : this;

    private InventoryState Counted(int onHand, int reserved, int sold) =>
        this with { Level = Level with { OnHand = onHand, Reserved = reserved, Sold = sold, Version = Version + 1 } };
}
