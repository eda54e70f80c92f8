using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orders.Grains.Inventory;

namespace Orders.Tests.Grains;

/// <summary>The stock an earlier version stored as grain state must read back for its carry-over into the ledger.</summary>
public sealed class LegacyInventoryStateTests
{
    [Fact]
    public void Stock_stored_before_the_ledger_reads_back_with_its_reservations_and_without_its_sales()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var stored = serializer.SerializeToArray(new InventoryStateBeforeTheLedger
        {
            OnHand = 10, Reserved = 3, Sold = 2, Version = 9,
            Reservations = ImmutableDictionary<string, int>.Empty.Add("open", 3),
            Committed = ImmutableDictionary<string, int>.Empty.Add("sold", 2),
        });

        var carried = serializer.Deserialize<LegacyInventoryState>(stored)!.ToState();

        Assert.Equal(new StockLevel(10, 3, 2, 9), carried.Level);
        Assert.Equal(new Dictionary<string, StockHold> { ["open"] = new(3) }, carried.Holds.ToDictionary());
    }

    /// <summary>The inventory state as the version before the ledger declared it, to write the bytes it stored.</summary>
    [GenerateSerializer, Immutable]
    public sealed record InventoryStateBeforeTheLedger
    {
        [Id(0)] public int OnHand { get; init; }
        [Id(1)] public int Reserved { get; init; }
        [Id(2)] public int Sold { get; init; }
        [Id(3)] public long Version { get; init; }
        [Id(4)] public ImmutableDictionary<string, int> Reservations { get; init; } = ImmutableDictionary<string, int>.Empty;
        [Id(5)] public ImmutableDictionary<string, int> Committed { get; init; } = ImmutableDictionary<string, int>.Empty;
    }
}
