using Orders.Grains.Catalog;
using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

/// <summary>An order is priced from its products as the catalog holds them, or refused naming every line at fault.</summary>
public sealed class PricedOrderTests
{
    [Fact]
    public void Lines_are_priced_from_their_products_with_the_total_the_restaurant_and_the_versions_read()
    {
        var products = Catalog(Product("p-1", price: 450, version: 3), Product("p-2", price: 1200, version: 7));

        var priced = PricedOrder.From([new LineRequest("p-1", 2), new LineRequest("p-2", 1)], products).Value!;

        Assert.Equal<OrderLine>([new OrderLine("p-1", "p-1 name", new Money(450, "EUR"), 2), new OrderLine("p-2", "p-2 name", new Money(1200, "EUR"), 1)], priced.Lines);
        Assert.Equal(new Money(2100, "EUR"), priced.Total);
        Assert.Equal(new RestaurantRef("r-1", "r-1 kitchen"), priced.Restaurant);
        Assert.Equal(new Dictionary<string, long> { ["p-1"] = 3, ["p-2"] = 7 }, priced.ProductVersions);
    }

    [Fact]
    public void Unknown_products_are_not_found_each_named()
    {
        var refusal = PricedOrder.From([new LineRequest("p-1", 1), new LineRequest("p-9", 1), new LineRequest("p-8", 1)], Catalog(Product("p-1"))).Refusal!;

        Assert.Equal(Refusal.NotFound("unknown product: p-9, p-8"), refusal);
    }

    [Fact]
    public void Unavailable_products_are_refused_each_named()
    {
        var products = Catalog(Product("p-1", available: false), Product("p-2"), Product("p-3", available: false));

        var refusal = PricedOrder.From([new LineRequest("p-1", 1), new LineRequest("p-2", 1), new LineRequest("p-3", 1)], products).Refusal!;

        Assert.Equal(Refusal.FailedPrecondition("product not available: p-1, p-3"), refusal);
    }

    [Fact]
    public void Products_of_two_restaurants_or_two_currencies_are_refused()
    {
        var products = Catalog(Product("p-1"), Product("p-2", restaurant: "r-2"), Product("p-3", currency: "USD"));

        Assert.Equal(Refusal.FailedPrecondition("an order's products must all come from one restaurant"),
            PricedOrder.From([new LineRequest("p-1", 1), new LineRequest("p-2", 1)], products).Refusal);
        Assert.Equal(Refusal.FailedPrecondition("an order's products must all be priced in one currency"),
            PricedOrder.From([new LineRequest("p-1", 1), new LineRequest("p-3", 1)], products).Refusal);
    }

    private static Dictionary<string, ProductDetails?> Catalog(params ProductDetails[] products) =>
        products.ToDictionary(product => product.ProductId, product => (ProductDetails?)product);

    private static ProductDetails Product(string id, long price = 100, string currency = "EUR", bool available = true, string restaurant = "r-1", long version = 1) =>
        new(id, restaurant, new ProductInfo($"{id} name", "", new Money(price, currency), available), new RestaurantSnapshot($"{restaurant} kitchen", "1 Main St"), version);
}
