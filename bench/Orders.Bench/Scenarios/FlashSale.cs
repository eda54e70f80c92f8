using Grpc.Core;
using Orders.V1;

namespace Orders.Bench.Scenarios;

/// <summary>
/// Everyone orders one product whose stock runs out during the run: the contention case. The
/// check afterwards: every order that was placed holds a unit, and no more units are held than there were.
/// </summary>
public sealed class FlashSale : IScenario
{
    private string productId = "";
    private int stock;

    public string Name => "flash-sale";

    public async Task Seed(Api api, BenchOptions options)
    {
        stock = options.Stock;
        productId = (await Seeder.Products(api, $"flash-{Guid.NewGuid():N}"[..14], 1, stock))[0];
    }

    public async Task<Outcome> Call(Api api, Random random)
    {
        try
        {
            await api.Orders.CreateOrderAsync(Seeder.Order($"customer-{random.Next(100_000)}", productId));
            return Outcome.Ok;
        }
        catch (RpcException sold) when (sold.StatusCode == StatusCode.FailedPrecondition)
        {
            return Outcome.Refused;
        }
    }

    public async Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result)
    {
        var level = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        var placed = result.OkIncludingWarmup;
        // The sale's own rate: placements over the measured seconds that had any, the refusals
        // after the sell-out left out.
        var selling = result.Timeline.Where(point => point.Ok > 0).ToList();
        var placingRate = selling.Count == 0 ? 0 : selling.Sum(point => point.Ok) / (double)selling.Count;
        return
        [
            new Check("placed orders = units reserved", level.Reserved == placed, $"{placed} placed, {level.Reserved} reserved"),
            new Check("nothing oversold", level.Reserved <= stock && level.Available >= 0, $"stock {stock}, reserved {level.Reserved}, available {level.Available}"),
            // Sold out in the warm-up, the measured window holds refusals only: a figure for the
            // refusal path, not the sale. Then the check fails and says to raise --stock.
            new Check("sold out while measured", result.Ok > 0 && result.Refused > 0 && level.Available == 0,
                result.Ok == 0
                    ? $"0 placed while measured: the stock ran out in the warm-up; raise --stock"
                    : $"{result.Ok} placed, {placingRate:N0}/s over {selling.Count} s; {result.Refused} refused while measured; {level.Available} left"),
        ];
    }
}
