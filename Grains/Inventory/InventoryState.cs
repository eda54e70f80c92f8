namespace Orders.Grains.Inventory;

/// <summary>
/// The stock rules of one product. Every change returns a new state with the version bumped;
/// the grain decides when to write it.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.InventoryState")]
public sealed record InventoryState
{
    [Id(0)] public int OnHand { get; init; }
    [Id(1)] public int Reserved { get; init; }
    [Id(2)] public int Sold { get; init; }
    [Id(3)] public long Version { get; init; }

    /// <summary>Open reservations: order id to quantity.</summary>
    [Id(4)] public ImmutableDictionary<string, int> Reservations { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Reservations that became sales, so a late retry of Reserve gets its old answer.</summary>
    [Id(5)] public ImmutableDictionary<string, int> Committed { get; init; } = ImmutableDictionary<string, int>.Empty;

    public int Available => OnHand - Reserved;

    public StockLevel Level => new(OnHand, Reserved, Sold, Version);

    /// <summary>The quantity an order already holds or has bought, if any.</summary>
    public int? HeldBy(string orderId) =>
        Reservations.TryGetValue(orderId, out var held) ? held
        : Committed.TryGetValue(orderId, out var sold) ? sold
        : null;

    /// <summary>Whether on hand can become <paramref name="onHand"/> without dropping below what is reserved.</summary>
    public bool CanHold(long onHand) => onHand >= Reserved && onHand <= int.MaxValue;

    public InventoryState WithOnHand(int onHand) => this with { OnHand = onHand, Version = Version + 1 };

    public InventoryState Hold(string orderId, int quantity) => this with
    {
        Reserved = Reserved + quantity,
        Reservations = Reservations.Add(orderId, quantity),
        Version = Version + 1,
    };

    public InventoryState Commit(string orderId) =>
        Reservations.TryGetValue(orderId, out var quantity)
            ? this with
            {
                OnHand = OnHand - quantity,
                Reserved = Reserved - quantity,
                Sold = Sold + quantity,
                Reservations = Reservations.Remove(orderId),
                Committed = Committed.Add(orderId, quantity),
                Version = Version + 1,
            }
            : this;

    public InventoryState Release(string orderId) =>
        Reservations.TryGetValue(orderId, out var quantity)
            ? this with
            {
                Reserved = Reserved - quantity,
                Reservations = Reservations.Remove(orderId),
                Version = Version + 1,
            }
            : this;
}
