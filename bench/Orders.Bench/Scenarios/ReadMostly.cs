namespace Orders.Bench.Scenarios;

/// <summary>Reads of orders, products and stock (60/25/15) over seeded data.</summary>
public sealed class ReadMostly : IScenario
{
    private IReadOnlyList<string> products = [];
    private List<string> orders = [];

    public string Name => "read-mostly";

    public async Task Seed(Api api, BenchOptions options)
    {
        products = await Seeder.Products(api, $"read-{Guid.NewGuid():N}"[..13], Math.Min(options.Products, 2_000), stock: 1_000_000);
        var placed = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (index, cancel) =>
        {
            var order = await api.Orders.CreateOrderAsync(Seeder.Order($"reader-{index % 200}", products[index % products.Count]), cancellationToken: cancel);
            lock (placed)
                placed.Add(order.OrderId);
        });
        orders = placed;
    }

    public async Task<Outcome> Call(Api api, Random random)
    {
        var pick = random.Next(100);
        if (pick < 60)
            await api.Orders.GetOrderAsync(new V1.GetOrderRequest { OrderId = orders[random.Next(orders.Count)] });
        else if (pick < 85)
            await api.Catalog.GetProductAsync(new V1.GetProductRequest { ProductId = products[random.Next(products.Count)] });
        else
            await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = products[random.Next(products.Count)] });
        return Outcome.Ok;
    }

    public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
}
