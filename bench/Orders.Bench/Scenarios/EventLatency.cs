using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Orders.V1;

namespace Orders.Bench.Scenarios;

/// <summary>
/// Light load on the event path: a restaurant renamed, until its product shows the new name. The
/// product follows its restaurant through its stream (the restaurant's write queues the event in
/// PostgreSQL, a silo's stream reader reads it and hands it to the product, which writes it), so
/// the extra latency, from UpdateRestaurant's answer to the first GetProduct that shows the name,
/// is an event's delivery and its handler's write, and at most one poll more (a millisecond and a
/// GetProduct). Each restaurant has one product and is renamed by one call at a time.
/// </summary>
public sealed class EventLatency : IScenario
{
    /// <summary>As many as calls may be in flight at once; each call takes one to itself.</summary>
    private const int Restaurants = 100;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly LongConcurrentHistogram delivery = new(1, 60_000_000, 3);
    private readonly ConcurrentQueue<(string Restaurant, string Product)> idle = new();
    private long renames;
    private volatile bool measuring;

    public string Name => "event-latency";

    public (string Name, HistogramBase Histogram)? Extra => ("renamed → product follows", delivery);

    public async Task Seed(Api api, BenchOptions options)
    {
        if (options.Rate > 0 || options.Concurrency > Restaurants)
            throw new ArgumentException($"event-latency renames each of its {Restaurants} restaurants one call at a time: a closed loop of at most {Restaurants} in flight");
        var prefix = $"event-{Guid.NewGuid():N}"[..14];
        var products = await Seeder.Products(api, prefix, Restaurants, stock: 0, perRestaurant: 1);
        foreach (var pair in Seeder.Restaurants(prefix, Restaurants, perRestaurant: 1).Zip(products))
            idle.Enqueue(pair);
    }

    // The extra latency takes the calls started in the measured window, as the call's own does:
    // not the warm-up's (the compiler's slow first ones among them), and those still on their way
    // as it closes.
    public Task WarmedUp(Api api, BenchOptions options, long okInWarmup)
    {
        measuring = true;
        return Task.CompletedTask;
    }

    public void MeasuredWindowClosed() => measuring = false;

    public async Task<Outcome> Call(Api api, Random random)
    {
        var measured = measuring;
        if (!idle.TryDequeue(out var renamed))
            throw new InvalidOperationException($"more calls in flight than the {Restaurants} restaurants");
        try
        {
            var name = $"Restaurant {renamed.Restaurant} #{Interlocked.Increment(ref renames)}";
            await api.Restaurants.UpdateRestaurantAsync(new UpdateRestaurantRequest { RestaurantId = renamed.Restaurant, Name = name, Address = Seeder.Address });
            var answered = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(answered) < Patience)
            {
                var product = await api.Catalog.GetProductAsync(new GetProductRequest { ProductId = renamed.Product });
                if (product.RestaurantName == name)
                {
                    if (measured)
                        delivery.RecordValue(Math.Clamp((long)Stopwatch.GetElapsedTime(answered).TotalMicroseconds, 1, delivery.HighestTrackableValue));
                    return Outcome.Ok;
                }

                await Task.Delay(1);
            }

            throw new TimeoutException($"product {renamed.Product} did not follow its restaurant's new name within {Patience.TotalSeconds:0} s");
        }
        finally
        {
            idle.Enqueue(renamed);
        }
    }

    public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
}
