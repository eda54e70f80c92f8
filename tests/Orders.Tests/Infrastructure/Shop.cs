using Orders.Grains.Catalog;
using Orders.Grains.Inventory;
using Orders.Grains.Restaurants;

namespace Orders.Tests.Infrastructure;

/// <summary>Seeds restaurants, products and stock through the grains.</summary>
public sealed class Shop(IGrainFactory grains)
{
    public static readonly RestaurantProfile Luigis = new("Luigi's", "1 Main Street");

    public async Task<string> Restaurant()
    {
        var restaurantId = Unique.Id("restaurant");
        var created = await grains.GetGrain<IRestaurantGrain>(restaurantId).Create(Luigis);
        Assert.False(created.IsRefused);
        return restaurantId;
    }

    public async Task<string> Product(string restaurantId, int stock, long priceMinorUnits = 1250, string? productId = null)
    {
        productId ??= Unique.Id("product");
        var info = new ProductInfo($"Pizza {productId}", "thin crust", new Money(priceMinorUnits, "EUR"), Available: true);
        var created = await grains.GetGrain<IProductGrain>(productId).Create(restaurantId, info);
        Assert.False(created.IsRefused);
        if (stock > 0)
            Assert.False((await Stock(productId).Adjust(stock)).IsRefused);
        return productId;
    }

    public IInventoryGrain Stock(string productId) => grains.GetGrain<IInventoryGrain>(productId);
}
