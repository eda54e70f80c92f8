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
}
