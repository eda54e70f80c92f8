using Grpc.Core;
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
        using var api = fixture.BenchApi();
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

    [Fact]
    public void A_stalled_second_while_the_stock_lasted_counts_in_the_sales_rate()
    {
        TimelinePoint[] timeline = [new(1, 100, 100, 1, 1, 1), new(2, 0, 0, 0, 0, 0), new(3, 100, 100, 1, 1, 1), new(4, 300, 0, 1, 1, 1)];
        var result = new LoadResult(
            TimeSpan.FromSeconds(4), new LongHistogram(1_000_000, 3), Ok: 200, Refused: 300, new Dictionary<string, long>(), timeline,
            OkIncludingWarmup: 200, SentLate: null, GeneratorCores: 0);

        Assert.Equal(200 / 3.0, new FlashSale().OwnRate(result)!.Value.PerSecond, 6);
    }

    [Fact]
    public async Task A_refusal_other_than_the_stock_running_out_fails_the_call_instead_of_counting_as_the_sale_over()
    {
        using var api = fixture.BenchApi();
        var sale = new FlashSale();
        await sale.Seed(api, new BenchOptions { Stock = 1_000 });
        var product = await api.Catalog.GetProductAsync(new Orders.V1.GetProductRequest { ProductId = sale.ProductId });

        await api.Restaurants.SetMenuAsync(new Orders.V1.SetMenuRequest { RestaurantId = product.RestaurantId });
        // The menu reaches every silo's cache at once, or on its next read: a few calls may still place.
        var answer = await Eventually.Until(async () =>
        {
            try
            {
                return (object)await sale.Call(api, new Random(1));
            }
            catch (RpcException failed)
            {
                return failed;
            }
        }, answer => answer is not Outcome.Ok);

        Assert.Equal(StatusCode.FailedPrecondition, Assert.IsType<RpcException>(answer).StatusCode);
    }
}
