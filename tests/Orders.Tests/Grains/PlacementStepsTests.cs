using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Grains;

/// <summary>A placement publishes how long each of its steps took, so the benchmark can say where CreateOrder's time goes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacementStepsTests(ClusterFixture fixture)
{
    private const string Steps = "orders.placement.step.duration";

    private static readonly string[] StepNames = ["price", "reserve", "charge", "store", "placement"];

    [Fact]
    public async Task Every_step_of_a_placement_is_measured()
    {
        using var readings = new MeterReadings();
        var shop = new Shop(fixture.Grains);
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);

        for (var order = 0; order < 3; order++)
            await shop.Order(Unique.Id("customer"), pizza);

        Assert.All(StepNames, step =>
        {
            var taken = readings.Of(Steps, step);
            Assert.True(taken.Count >= 3, $"{step}: {taken.Count} measurements");
            Assert.All(taken, seconds => Assert.InRange(seconds, 0, 60));
        });
    }

    [Fact]
    public async Task A_placement_the_worker_hands_over_to_the_orders_grain_is_measured_whole_once()
    {
        var shop = new Shop(fixture.Grains);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 1);
        var placement = fixture.Grains.GetGrain<IOrderPlacement>(0);
        using var readings = new MeterReadings();

        var placed = await placement.PlaceNew(Unique.Id("order"), Shop.Command("alice", (pizza, 1)));
        // Short once the first holds the one unit: the order's grain takes this one over.
        var refused = await placement.PlaceNew(Unique.Id("order"), Shop.Command("bob", (pizza, 1)));

        Assert.Equal((OrderStatus.Paid, RefusalKind.FailedPrecondition), (placed.Value!.Status, refused.Refusal!.Kind));
        Assert.Equal(2, readings.Of(Steps, "placement").Count);
    }

    [Fact]
    public async Task A_charge_that_outlasts_the_wait_is_measured_as_the_wait_beside_the_placed_write()
    {
        using var readings = new MeterReadings();
        var shop = new Shop(fixture.Grains);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);

        // The bank's answer is held until the placement stopped waiting and stored the order PLACED.
        var orderId = Unique.Id("order");
        var answer = GatedPayments.HoldNextAnswer(orderId);
        await shop.Order(Unique.Id("customer"), pizza, orderId: orderId);
        var measured = readings.Of(Steps, "charge").ToList();
        var stored = (await fixture.Grains.GetGrain<IOrderGrain>(orderId).Get())!.Status;
        answer.Release();

        // The wait's timer may fire a few milliseconds short of the stopwatch's second; an answered
        // charge of the simulated provider takes microseconds. The wait read as milliseconds would
        // be a thousand times the wait.
        var chargeWait = new LifecycleOptions().ChargeWait.TotalSeconds;
        Assert.Equal(OrderStatus.Placed, stored);
        Assert.Contains(measured, seconds => seconds >= chargeWait / 2 && seconds < chargeWait * 100);
        Assert.NotEmpty(readings.Of(Steps, "store"));
    }
}
