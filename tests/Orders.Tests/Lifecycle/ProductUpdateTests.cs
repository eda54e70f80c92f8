using Orders.Grains.Catalog;
using Orders.Grains.Orders;

namespace Orders.Tests.Lifecycle;

/// <summary>A product update reaches new orders through the silos' caches, whatever becomes of the open orders' refresh.</summary>
public sealed class ProductUpdateTests
{
    [Fact]
    public async Task New_orders_take_the_new_price_while_an_open_orders_refresh_waits_for_its_retry_and_then_renames_it()
    {
        // A failed delivery comes again only after RetryDelay: past the deadline for the new price.
        // One silo, so every order is priced from the one cache that holds the old details.
        await using var cluster = await OrdersCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Streams:RetryDelay"] = "00:00:15" });
        var shop = new Shop(cluster.GrainFactory);
        var restaurantId = await shop.Restaurant();
        var productId = await shop.Product(restaurantId, stock: 10_000, priceMinorUnits: 1000);
        var open = await shop.Order(Unique.Id("customer"), productId);
        await Eventually.Until(() => cluster.GrainFactory.GetGrain<IProductOrdersGrain>(productId).OpenOrders(), orders => orders.Contains(open));
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.RefreshProduct), open);

        var updated = await cluster.GrainFactory.GetGrain<IProductGrain>(productId).Update(
            new ProductInfo("Pizza Bianca", "no tomato", new Money(1400, "EUR"), Available: true));
        var priced = await Eventually.Until(
            async () => (await cluster.GrainFactory.GetGrain<IOrderGrain>(await shop.Order(Unique.Id("customer"), productId)).Get())!.Total,
            total => total.MinorUnits == 1400,
            TimeSpan.FromSeconds(10));
        var refreshed = await Eventually.Until(
            async () => (await cluster.GrainFactory.GetGrain<IOrderGrain>(open).Get())!, order => order.Lines[0].Name == "Pizza Bianca");

        Assert.False(updated.IsRefused);
        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.RefreshProduct), open));
        Assert.Equal(new Money(1400, "EUR"), priced);
        Assert.Equal(new Money(1000, "EUR"), refreshed.Total);     // an open order keeps its price
    }
}
