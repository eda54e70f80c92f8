using HdrHistogram;
using Orders.Bench;
using Orders.Bench.Load;
using Orders.Bench.Scenarios;

namespace Orders.Tests.Bench;

/// <summary>
/// The flash sale's checks against a real gateway: what it placed is what the stock holds, and it
/// reports the sale's rate while the stock lasted apart from the refusals' rate once it was gone.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class FlashSaleTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_sale_that_sold_out_while_measured_reports_its_placements_and_its_refusals_a_second_apart()
    {
        using var api = new Api([new Uri($"http://{fixture.Channel.Target}")], 1);
        var sale = new FlashSale();
        await sale.Seed(api, new BenchOptions { Stock = 4 });

        List<Outcome> outcomes = [];
        for (var call = 0; call < 7; call++)
            outcomes.Add(await sale.Call(api, new Random(call)));
        // Seconds as the load runner would have counted those calls: two selling seconds, then one of refusals only.
        TimelinePoint[] timeline = [new(1, 2, 2, 1, 1, 1), new(2, 2, 2, 1, 1, 1), new(3, 3, 0, 1, 1, 1)];
        var result = new LoadResult(
            TimeSpan.FromSeconds(3), new LongHistogram(1_000_000, 3), Ok: 4, Refused: 3, new Dictionary<string, long>(), timeline,
            OkIncludingWarmup: 4, SentLate: null, GeneratorCores: 0);
        var checks = await sale.Verify(api, result);

        Assert.Equal([Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Refused, Outcome.Refused, Outcome.Refused], outcomes);
        Assert.All(checks, check => Assert.True(check.Holds, check.Detail));
        Assert.Equal("4 placed, 2/s over 2 s; 3 refused while measured, 3/s once sold out; 0 left", checks[^1].Detail);
    }
}
