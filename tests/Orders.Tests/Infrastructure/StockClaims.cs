using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Inventory;
using Orders.Grains.Ledgers;

namespace Orders.Tests.Infrastructure;

/// <summary>Holds that come due for their orders' claims within seconds, and what the stock stores of the claims.</summary>
public static class StockClaims
{
    /// <summary>Settings under which a hold comes due for its order's claim two seconds after it was taken.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ShortPlacementTimeout =
        new Dictionary<string, string?> { ["Lifecycle:PlacementTimeout"] = "00:00:02" };

    /// <summary>
    /// The product's ledger as stored once its claims are settled past the order's hold. The settled
    /// time costs no write of its own, so the stock is given one (a unit more on hand) each time.
    /// </summary>
    public static Task<StoredLedger<StockHeader, StockHold>> SettledPast(TestCluster cluster, string productId, string orderId) =>
        Eventually.Until(async () =>
        {
            await cluster.GrainFactory.GetGrain<IInventoryGrain>(productId).Adjust(1);
            return await Stored(cluster, productId);
        }, ledger => ledger.Header.ClaimsSettledThrough >= ledger.Entries[orderId].ClaimBy, TimeSpan.FromSeconds(30));

    /// <summary>The product's ledger as stored, read from storage without calling (or waking) its stock.</summary>
    public static async Task<StoredLedger<StockHeader, StockHold>> Stored(TestCluster cluster, string productId) =>
        (await cluster.FirstSiloServices().GetRequiredService<ILedgerStore>().Read<StockHeader, StockHold>($"inventory/{productId}"))!;
}
