using HdrHistogram;
using Orders.V1;

namespace Orders.Bench.Scenarios;

/// <summary>
/// Light load on the event path: one order at a time, each for a new customer, waiting for its
/// OrderPlaced notification. The extra latency is publish to handler, from the event's own time to
/// the inbox's receipt time (both stamped by the silos), so the polling here adds nothing to it;
/// since an order keeps its notifications in its state the two are the same instant.
/// </summary>
public sealed class EventLatency : IScenario
{
    private readonly LongConcurrentHistogram delivery = new(1, 60_000_000, 3);
    private IReadOnlyList<string> products = [];
    private volatile bool measuring;

    public string Name => "event-latency";

    public (string Name, HistogramBase Histogram)? Extra => ("publish → handler", delivery);

    public async Task Seed(Api api, BenchOptions options) =>
        products = await Seeder.Products(api, $"event-{Guid.NewGuid():N}"[..14], 100, stock: 1_000_000);

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
        var customerId = $"latency-{Guid.NewGuid():N}";
        await api.Orders.CreateOrderAsync(Seeder.Order(customerId, products[random.Next(products.Count)]));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var inbox = await api.Notifications.ListNotificationsAsync(new ListNotificationsRequest { CustomerId = customerId });
            if (inbox.Notifications.Count > 0)
            {
                var notification = inbox.Notifications[0];
                if (measured)
                    delivery.RecordValue(Math.Clamp((long)(notification.ReceivedAt.ToDateTime() - notification.At.ToDateTime()).TotalMicroseconds, 1, delivery.HighestTrackableValue));
                return Outcome.Ok;
            }

            await Task.Delay(1);
        }

        throw new TimeoutException($"no notification for {customerId} within 10 s");
    }

    public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
}
