using Grpc.Core;
using Orders.Bench.Load;
using Orders.V1;

namespace Orders.Bench.Scenarios;

/// <summary>
/// Everyone orders one product whose stock runs out during the run: the contention case. The
/// check afterwards: every order that was placed holds a unit, and no more units are held than there were.
/// A stock that would outlast the measurement at the warm-up's pace is cut, once the warm-up is
/// over, to what would last about half of it, so that the sale sells out mid-run on a slow machine too.
/// </summary>
public sealed class FlashSale : IScenario
{
    /// <summary>
    /// How the system words a refusal for want of stock (<c>OrderState.Rejected</c>, and the README);
    /// any other refusal is a failure of the run, not the sale's end.
    /// </summary>
    private const string SoldOut = "insufficient stock";

    private string productId = "";
    private int stock;

    /// <summary>The one product on sale, once seeded.</summary>
    internal string ProductId => productId;

    public string Name => "flash-sale";

    public async Task Seed(Api api, BenchOptions options)
    {
        stock = options.Stock;
        productId = (await Seeder.Products(api, $"flash-{Guid.NewGuid():N}"[..14], 1, stock))[0];
    }

    public async Task WarmedUp(Api api, BenchOptions options, long okInWarmup)
    {
        var pace = okInWarmup / Math.Max(options.Warmup.TotalSeconds, 1);
        var lasting = (long)(pace * options.Duration.TotalSeconds / 2);
        var level = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        if (lasting == 0 || level.Available <= lasting)
            return;
        try
        {
            var delta = -(int)(level.Available - lasting);
            var cut = await api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = delta });
            // Counted here, not read from the stock: the check must not take the system's word for its own limit.
            stock += delta;
            Console.WriteLine($"stock cut to {cut.Available:N0} units left ({stock:N0} in all): {level.Available:N0} would outlast the measurement at the warm-up's {pace:N0} placements/s");
        }
        catch (RpcException raced) when (raced.StatusCode == StatusCode.FailedPrecondition)
        {
            // Orders reserved more in between than the cut left: the stock stays as seeded.
        }
    }

    public async Task<Outcome> Call(Api api, Random random)
    {
        try
        {
            await api.Orders.CreateOrderAsync(Seeder.Order($"customer-{random.Next(100_000)}", productId));
            return Outcome.Ok;
        }
        catch (RpcException sold) when (sold.StatusCode == StatusCode.FailedPrecondition && sold.Status.Detail.StartsWith(SoldOut, StringComparison.Ordinal))
        {
            return Outcome.Refused;
        }
    }

    public async Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result)
    {
        var level = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        var placed = result.OkIncludingWarmup;
        var selling = Selling(result);
        var placingRate = MeanPerSecond(selling, point => point.Ok);
        // Once sold out: a second that placed none while the stock lasted was a stall, not the end.
        var refusingRate = MeanPerSecond([.. result.Timeline.Skip(selling.Count)], point => point.Calls);
        return
        [
            new Check("placed orders = units reserved", level.Reserved == placed, $"{placed} placed, {level.Reserved} reserved"),
            new Check("nothing oversold", level.Reserved <= stock && level.Available >= 0 && level.OnHand == stock,
                $"stock {stock}, on hand {level.OnHand}, reserved {level.Reserved}, available {level.Available}"),
            // Sold out in the warm-up, the measured window holds refusals only: a figure for the
            // refusal path, not the sale. Then the check fails and says to raise --stock.
            new Check("sold out while measured", result.Ok > 0 && result.Refused > 0 && level.Available == 0,
                result.Ok == 0
                    ? $"0 placed while measured: the stock ran out in the warm-up; raise --stock"
                    : $"{result.Ok} placed, {placingRate:N0}/s over {selling.Count} s; {result.Refused} refused while measured, {refusingRate:N0}/s once sold out; {level.Available} left"),
        ];
    }

    /// <summary>The sale's own rate: placements over the measured seconds up to the last that had any, the refusals after the sell-out left out.</summary>
    public (string Name, double PerSecond)? OwnRate(LoadResult result) => ("placements/s while the stock lasted", MeanPerSecond(Selling(result), point => point.Ok));

    /// <summary>The seconds up to the last placement, a stalled second among them: left out, a stall would raise the rate.</summary>
    private static List<TimelinePoint> Selling(LoadResult result)
    {
        var seconds = result.Timeline.Count;
        while (seconds > 0 && result.Timeline[seconds - 1].Ok == 0)
            seconds--;
        return [.. result.Timeline.Take(seconds)];
    }

    /// <summary>What <paramref name="count"/> counts, a second on average over <paramref name="seconds"/>; 0 over none.</summary>
    private static double MeanPerSecond(List<TimelinePoint> seconds, Func<TimelinePoint, long> count) =>
        seconds.Count == 0 ? 0 : seconds.Sum(count) / (double)seconds.Count;
}
