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
public sealed record InventoryState(StockHeader Header, ImmutableDictionary<string, StockHold> Holds)
{
    public static readonly InventoryState Empty = new(new StockHeader(new StockLevel(0, 0, 0, 0)), ImmutableDictionary<string, StockHold>.Empty);

    /// <summary>
    /// The holds whose claims are not settled yet, by when each comes due: a wake asks those come
    /// due and settles them without going over the rest, and a write stores the first due time
    /// without looking for it, however many open orders hold the product. Kept by every change of
    /// the holds or of the settled time here, so neither is changed from outside.
    /// </summary>
    private ImmutableSortedSet<DueHold> Awaiting { get; init; } = Index(Header, Holds);

    /// <summary>When the first hold awaiting its order's claim comes due; null if no hold awaits one.</summary>
    public DateTimeOffset? ClaimsDue => Awaiting.IsEmpty ? null : Awaiting.Min.Due;

    /// <summary>The counts, as the stock's callers see them.</summary>
    public StockLevel Level => Header.Level;

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
            Awaiting = Awaiting.Add(new DueHold(due, orderId)),
        };
    }

    /// <summary>The holds to be claimed by <paramref name="now"/> whose claim is not settled, with when each came due, earliest first.</summary>
    public IEnumerable<(string OrderId, DateTimeOffset Due)> Unclaimed(DateTimeOffset now) =>
        Awaiting.TakeWhile(hold => hold.Due <= now).Select(hold => (hold.OrderId, hold.Due));

    /// <summary>Whether the order holds units whose claim is not settled yet.</summary>
    public bool AwaitsClaim(string orderId) =>
        Holds.TryGetValue(orderId, out var hold) && AwaitsClaim(hold, Header);

    /// <summary>Every hold due by <paramref name="through"/> claimed or given back; the counts and version are unchanged.</summary>
    public InventoryState ClaimsSettledThrough(DateTimeOffset through)
    {
        if (through <= ClaimsSettled)
            return this;
        // One builder for the lot: a hot product settles thousands of holds at a wake.
        var awaiting = Awaiting.ToBuilder();
        while (awaiting.Count > 0 && awaiting.Min.Due <= through)
            awaiting.Remove(awaiting.Min);
        return this with { Header = Header with { ClaimsSettledThrough = through }, Awaiting = awaiting.ToImmutable() };
    }

    private DateTimeOffset ClaimsSettled => SettledThrough(Header);

    private static DateTimeOffset SettledThrough(StockHeader header) => header.ClaimsSettledThrough ?? DateTimeOffset.MinValue;

    /// <summary>Until claims are settled past its due time.</summary>
    private static bool AwaitsClaim(StockHold hold, StockHeader header) => hold.ClaimBy > SettledThrough(header);

    private static ImmutableSortedSet<DueHold> Index(StockHeader header, ImmutableDictionary<string, StockHold> holds) =>
        holds.Where(hold => AwaitsClaim(hold.Value, header))
            .Select(hold => new DueHold(hold.Value.ClaimBy, hold.Key))
            .ToImmutableSortedSet();

    public InventoryState Commit(string orderId) =>
        Holds.TryGetValue(orderId, out var hold)
            ? Counted(OnHand - hold.Quantity, Reserved - hold.Quantity, Level.Sold + hold.Quantity) with { Holds = Holds.Remove(orderId), Awaiting = Unindexed(orderId, hold) }
            : this;

    public InventoryState Release(string orderId) =>
        Holds.TryGetValue(orderId, out var hold)
            ? Counted(OnHand, Reserved - hold.Quantity, Level.Sold) with { Holds = Holds.Remove(orderId), Awaiting = Unindexed(orderId, hold) }
            : this;

    private ImmutableSortedSet<DueHold> Unindexed(string orderId, StockHold hold) =>
        Awaiting.Remove(new DueHold(hold.ClaimBy, orderId));

    private InventoryState Counted(int onHand, int reserved, int sold) =>
        this with { Header = Header with { Level = new StockLevel(onHand, reserved, sold, Version + 1) } };
}
