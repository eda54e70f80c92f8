namespace Orders.Bench.Scenarios;

/// <summary>Single-line orders spread evenly over many products with ample stock: the throughput case.</summary>
public sealed class CreateUniform : IScenario
{
    private IReadOnlyList<string> products = [];

    public string Name => "create-uniform";

    public async Task Seed(Api api, BenchOptions options) =>
        products = await Seeder.Products(api, $"uniform-{Guid.NewGuid():N}"[..16], options.Products, stock: 1_000_000);

    public async Task<Outcome> Call(Api api, Random random)
    {
        var productId = products[random.Next(products.Count)];
        await api.Orders.CreateOrderAsync(Seeder.Order($"customer-{random.Next(10_000)}", productId));
        return Outcome.Ok;
    }

    public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
}
