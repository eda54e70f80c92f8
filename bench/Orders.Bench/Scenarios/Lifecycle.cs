using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Orders.V1;

namespace Orders.Bench.Scenarios;

/// <summary>
/// Every order goes all the way: created, paid, accepted by its restaurant (auto-accept, no prep
/// time), assigned a driver by dispatch, then picked up, out for delivery and delivered by the
/// driver's calls. One call is one order's whole life, so the call latency is the end-to-end time.
/// Each restaurant is its own delivery zone with enough drivers on duty that no order waits for one.
/// </summary>
public sealed class Lifecycle : IScenario
{
    private const int Products = 1_000;
    private const int SampleSize = 200;
    private static readonly TimeSpan OrderDeadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> delivered = new();
    private IReadOnlyList<string> products = [];

    public string Name => "lifecycle";

    public async Task Seed(Api api, BenchOptions options)
    {
        var prefix = $"life-{Guid.NewGuid():N}"[..13];
        products = await Seeder.Products(api, prefix, Products, stock: 1_000_000);
        var restaurants = Seeder.Restaurants(prefix, Products);
        var driversPerZone = Math.Max(options.Concurrency, options.Rate * 5) / restaurants.Count * 2 + 4;
        await Parallel.ForEachAsync(restaurants, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (restaurantId, cancel) =>
        {
            await api.Restaurants.UpdateRestaurantSettingsAsync(new UpdateRestaurantSettingsRequest
            {
                RestaurantId = restaurantId,
                Settings = new RestaurantSettings
                {
                    Open = true,
                    AutoAccept = true,
                    PrepTime = Duration.FromTimeSpan(TimeSpan.Zero),
                    KitchenCapacity = 1000,
                    Zone = restaurantId,
                },
            }, cancellationToken: cancel);
            for (var index = 0; index < driversPerZone; index++)
            {
                var driverId = $"{restaurantId}-d{index}";
                await api.Delivery.RegisterDriverAsync(new RegisterDriverRequest { DriverId = driverId, Name = driverId, Zone = restaurantId }, cancellationToken: cancel);
                await api.Delivery.SetDriverOnDutyAsync(new SetDriverOnDutyRequest { DriverId = driverId, OnDuty = true }, cancellationToken: cancel);
            }
        });
    }

    public async Task<Outcome> Call(Api api, Random random)
    {
        using var deadline = new CancellationTokenSource(OrderDeadline);
        var order = await api.Orders.CreateOrderAsync(
            Seeder.Order($"customer-{random.Next(10_000)}", products[random.Next(products.Count)]), cancellationToken: deadline.Token);
        try
        {
            await ReadyWithDriver(api, order.OrderId, deadline.Token);
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            var stuck = await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId });
            throw new TimeoutException($"order {order.OrderId} still {stuck.Status} (driver '{stuck.DriverId}') after {OrderDeadline.TotalSeconds:0} s");
        }

        foreach (var step in (DeliveryStatus[])[DeliveryStatus.PickedUp, DeliveryStatus.OutForDelivery, DeliveryStatus.Delivered])
            await api.Delivery.UpdateDeliveryStatusAsync(new UpdateDeliveryStatusRequest { OrderId = order.OrderId, Status = step }, cancellationToken: deadline.Token);
        delivered.Enqueue(order.OrderId);
        return Outcome.Ok;
    }

    public async Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result)
    {
        // Spread over the whole run from its last order back: the first ones were all delivered in the warm-up.
        var all = delivered.ToArray();
        var every = Math.Max(1, all.Length / SampleSize);
        var sample = all.Reverse().Where((_, index) => index % every == 0).Take(SampleSize).ToList();
        var orders = await Task.WhenAll(sample.Select(orderId => api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = orderId }).ResponseAsync));
        var payments = await Task.WhenAll(sample.Select(orderId => api.Orders.GetPaymentAsync(new GetPaymentRequest { OrderId = orderId }).ResponseAsync));
        var notDelivered = orders.Count(order => order.Status != OrderStatus.Delivered);
        var notCharged = payments.Count(payment => payment.Status != PaymentStatus.Charged);
        return
        [
            new Check("finished orders read back as delivered", sample.Count > 0 && notDelivered == 0, $"{sample.Count} read, {notDelivered} not DELIVERED"),
            new Check("their payments read back as charged", notCharged == 0, $"{notCharged} not CHARGED"),
        ];
    }

    /// <summary>Follows the order's updates until the kitchen is done and dispatch has named its driver, in either order.</summary>
    private static async Task ReadyWithDriver(Api api, string orderId, CancellationToken cancel)
    {
        using var watch = api.Orders.WatchOrder(new WatchOrderRequest { OrderId = orderId }, cancellationToken: cancel);
        await foreach (var update in watch.ResponseStream.ReadAllAsync(cancel))
        {
            if (update.Order.Status == OrderStatus.Ready && update.Order.DriverId.Length > 0)
                return;
            if (update.Order.Status is OrderStatus.Cancelled or OrderStatus.Rejected)
                throw new InvalidOperationException($"order {orderId} ended {update.Order.Status}: {update.Change?.Reason}");
        }
        throw new InvalidOperationException($"the watch of order {orderId} ended before it was ready with a driver");
    }
}
