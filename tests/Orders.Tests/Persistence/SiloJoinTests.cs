using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Inventory;
using Orders.Grains.Payments;

namespace Orders.Tests.Persistence;

/// <summary>
/// A silo joining must not start a second activation of a grain already active elsewhere: two
/// activations of one stock would each sell from what they read, until the ledger's version check
/// retired one; two of the simulated provider's books would each charge a key. They are found
/// through Orleans' strongly consistent directory for that
/// (<see cref="Orders.Grains.DirectoryNames.SingleActivation"/>).
/// </summary>
public sealed class SiloJoinTests
{
    private const int Products = 500;

    [Fact]
    public async Task Stocks_reserved_through_a_silo_that_just_joined_and_through_the_others_count_every_hold_once()
    {
        await using var cluster = await OrdersCluster.StartAsync(silos: 2);
        var productIds = Enumerable.Range(0, Products).Select(_ => Unique.Id("product")).ToList();
        var stocks = productIds.Select(id => cluster.GrainFactory.GetGrain<IInventoryGrain>(id)).ToList();
        await Task.WhenAll(stocks.Select(stock => stock.Adjust(1_000)));
        var books = Enumerable.Range(0, SimulatedPaymentBooks.Buckets).Select(bucket => cluster.GrainFactory.GetGrain<ISimulatedPaymentBooks>(bucket)).ToList();
        await Task.WhenAll(books.Select(bucket => bucket.Refund(Unique.Id("key"), "r")));

        // The new silo knows none of the stocks: each call it makes asks the directory, while the
        // directory's share of the new silo may still be on its way to it.
        var joined = (InProcessSiloHandle)await cluster.StartAdditionalSiloAsync();
        var throughJoined = joined.SiloHost.Services.GetRequiredService<IGrainFactory>();
        const int rounds = 3;
        for (var round = 0; round < rounds; round++)
        {
            await Task.WhenAll(productIds.Zip(stocks).SelectMany(pair => new[]
            {
                throughJoined.GetGrain<IInventoryGrain>(pair.First).Reserve(Unique.Id("order"), 1),
                pair.Second.Reserve(Unique.Id("order"), 1),
            }));
        }
        // And the simulated provider's books, which every silo's provider shares.
        await Task.WhenAll(books.SelectMany((bucket, index) => new[]
        {
            throughJoined.GetGrain<ISimulatedPaymentBooks>(index).Refund(Unique.Id("key"), "r"),
            bucket.Refund(Unique.Id("key"), "r"),
        }));
        var levels = await Task.WhenAll(stocks.Select(stock => stock.Get()));
        var sharedIds = stocks.Select(stock => stock.GetGrainId()).Concat(books.Select(bucket => bucket.GetGrainId())).ToHashSet();
        var sharedActivations = (await cluster.ActiveGrains()).Where(sharedIds.Contains).ToList();

        Assert.All(levels, level => Assert.Equal((1_000, 2 * rounds), (level.OnHand, level.Reserved)));
        Assert.Equal((sharedIds.Count, sharedIds.Count), (sharedActivations.Count, sharedActivations.Distinct().Count()));
    }
}
