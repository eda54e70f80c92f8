using Orders.Bench;
using Orders.Bench.Scenarios;

namespace Orders.Tests.Bench;

/// <summary>The event-latency scenario against a real gateway: each call's rename reaches its product through the product's stream.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EventLatencyTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Each_rename_is_timed_until_the_product_follows_it_and_only_those_measured()
    {
        using var api = fixture.BenchApi();
        var scenario = new EventLatency();
        var options = new BenchOptions { Concurrency = 2 };
        await scenario.Seed(api, options);

        var warmUp = await scenario.Call(api, new Random(0));
        await scenario.WarmedUp(api, options, okInWarmup: 1);
        var measured = await Task.WhenAll(Enumerable.Range(1, 4).Select(call => scenario.Call(api, new Random(call))));

        Assert.Equal(Outcome.Ok, warmUp);
        Assert.All(measured, outcome => Assert.Equal(Outcome.Ok, outcome));
        Assert.Equal(4, scenario.Extra!.Value.Histogram.TotalCount);
    }
}
