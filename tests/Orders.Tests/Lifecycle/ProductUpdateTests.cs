using Orders.Grains.Catalog;
using Orders.Grains.Orders;

namespace Orders.Tests.Lifecycle;

/// <summary>A product update reaches new orders and open ones through the silos' product caches alone.</summary>
public sealed class ProductUpdateTests
{
    [Fact]
    public async Task New_orders_take_the_new_price_and_an_open_order_the_new_name_with_its_price_as_placed()
    {
        // One silo, so every order is priced from the one cache that holds the old details.
        await using var cluster = await OrdersCluster.StartAsync(silos: 1);
        var shop = new Shop(cluster.GrainFactory);
        var productId = await shop.Product(await shop.Restaurant(), stock: 10_000, priceMinorUnits: 1000);
        var open = await shop.Order(Unique.Id("customer"), productId);
        await shop.Reaches(open, OrderStatus.Paid);

        var updated = await cluster.GrainFactory.GetGrain<IProductGrain>(productId).Update(
            new ProductInfo("Pizza Bianca", "no tomato", new Money(1400, "EUR"), Available: true));
        var priced = await Eventually.Until(
            async () => (await cluster.GrainFactory.GetGrain<IOrderGrain>(await shop.Order(Unique.Id("customer"), productId)).Get())!,
            order => order.Total.MinorUnits == 1400);
        var refreshed = (await cluster.GrainFactory.GetGrain<IOrderGrain>(open).Get())!;

        Assert.False(updated.IsRefused);
        Assert.Equal("Pizza Bianca", priced.Lines[0].Name);
        Assert.Equal("Pizza Bianca", refreshed.Lines[0].Name);      // the cache heard of it before the new order was priced
        Assert.Equal(new Money(1000, "EUR"), refreshed.Total);     // an open order keeps its price
    }
}
