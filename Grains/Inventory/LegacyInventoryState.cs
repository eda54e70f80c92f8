namespace Orders.Grains.Inventory;

/// <summary>
/// The stock as grain state stored it before the ledger (state name <c>inventory</c>). A product
/// whose first activation finds no ledger reads it once and carries it over, so stock recorded
/// by an earlier version is not lost on upgrade.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.InventoryState")]
public sealed record LegacyInventoryState
{
    public const string StateName = "inventory";

    [Id(0)] public int OnHand { get; init; }
    [Id(1)] public int Reserved { get; init; }
    [Id(2)] public int Sold { get; init; }
    [Id(3)] public long Version { get; init; }

    /// <summary>Open reservations: order id to quantity.</summary>
    [Id(4)] public ImmutableDictionary<string, int> Reservations { get; init; } = ImmutableDictionary<string, int>.Empty;

    // Id 5 held the orders already sold, which the stock no longer remembers (InventoryState).

    public InventoryState ToState() => new(
        new StockLevel(OnHand, Reserved, Sold, Version),
        Reservations.ToImmutableDictionary(reservation => reservation.Key, reservation => new StockHold(reservation.Value)));
}
