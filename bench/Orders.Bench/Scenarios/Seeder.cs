using Orders.V1;

namespace Orders.Bench.Scenarios;

/// <summary>Creates restaurants, products and stock through the public API, many calls at a time.</summary>
public static class Seeder
{
    private const int ProductsPerRestaurant = 100;

    /// <summary>Every seeded restaurant's address.</summary>
    public const string Address = "1 Bench Street";

    /// <summary>
    /// Seeds <paramref name="count"/> products with <paramref name="stock"/> units each,
    /// <paramref name="perRestaurant"/> a restaurant; returns their ids.
    /// </summary>
    public static async Task<IReadOnlyList<string>> Products(Api api, string prefix, int count, int stock, long priceMinorUnits = 1250,
        int perRestaurant = ProductsPerRestaurant)
    {
        var restaurants = Restaurants(prefix, count, perRestaurant);
        await Parallel.ForEachAsync(restaurants, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (restaurantId, cancel) =>
            await api.Restaurants.CreateRestaurantAsync(new CreateRestaurantRequest { RestaurantId = restaurantId, Name = $"Restaurant {restaurantId}", Address = Address }, cancellationToken: cancel));

        var products = Enumerable.Range(0, count).Select(index => $"{prefix}-p{index}").ToList();
        var done = 0;
        // One restaurant's products are created in turn: each adds itself to that restaurant's menu.
        await Parallel.ForEachAsync(restaurants.Select((restaurantId, index) => (restaurantId, index)), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (restaurant, cancel) =>
        {
            foreach (var productId in products.Skip(restaurant.index * perRestaurant).Take(perRestaurant))
            {
                await api.Catalog.CreateProductAsync(new CreateProductRequest
                {
                    ProductId = productId,
                    RestaurantId = restaurant.restaurantId,
                    Name = $"Dish {productId}",
                    Price = new Money { MinorUnits = priceMinorUnits, Currency = "EUR" },
                    Available = true,
                }, cancellationToken: cancel);
                if (stock > 0)
                    await api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = stock }, cancellationToken: cancel);
                if (Interlocked.Increment(ref done) % 1000 == 0)
                    Console.WriteLine($"  seeded {done}/{count} products");
            }
        });
        return products;
    }

    /// <summary>The restaurants <see cref="Products"/> creates for that many products, so many each (a hundred unless told).</summary>
    public static IReadOnlyList<string> Restaurants(string prefix, int productCount, int perRestaurant = ProductsPerRestaurant) =>
        [.. Enumerable.Range(0, (productCount + perRestaurant - 1) / perRestaurant).Select(index => $"{prefix}-r{index}")];

    public static CreateOrderRequest Order(string customerId, string productId) => new()
    {
        CustomerId = customerId,
        Lines = { new OrderLineRequest { ProductId = productId, Quantity = 1 } },
    };
}
