using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

/// <summary>
/// A placed order waiting on its restaurant leaves memory once stored, until someone acts on it;
/// before it goes it tells its stock that it claims its holds, so their coming due does not bring
/// it back. One that someone watches stays.
/// </summary>
public sealed class PlacedOrderRestTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_placed_order_leaves_memory_its_stock_keeps_the_hold_without_asking_it_and_it_comes_back_on_the_next_call()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: StockClaims.ShortPlacementTimeout);
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza, quantity: 2);
        // Were the stock to ask the order whether it claims its hold, this would take the ask.
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.ClaimsHold), orderId);

        await Eventually.Until(() => IsInMemory(cluster, orderId), inMemory => !inMemory, Deadline);
        var stored = await StockClaims.SettledPast(cluster, pizza, orderId);

        Assert.True(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.ClaimsHold), orderId));
        Assert.Equal(2, stored.Entries[orderId].Quantity);
        Assert.False(await IsInMemory(cluster, orderId));
        Assert.Equal(OrderStatus.Paid, (await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get())!.Status);
        Assert.Equal(OrderStatus.Accepted, (await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Accept(restaurantId, zone)).Value!.Status);
        Assert.Equal(2, (await shop.Level(pizza)).Sold);
    }

    [Fact]
    public async Task An_order_someone_watches_stays_in_memory_while_one_nobody_watches_leaves()
    {
        await using var cluster = await OrdersCluster.StartAsync();
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var watchedId = Unique.Id("order");
        var watcher = cluster.Client.CreateObjectReference<IOrderObserver>(new CountingObserver());
        await cluster.GrainFactory.GetGrain<IOrderGrain>(watchedId).Watch(watcher, Guid.NewGuid());

        await shop.Order(Unique.Id("customer"), pizza, orderId: watchedId);
        var unwatchedId = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => IsInMemory(cluster, unwatchedId), inMemory => !inMemory, Deadline);

        Assert.True(await IsInMemory(cluster, watchedId));
    }

    private static async Task<bool> IsInMemory(TestCluster cluster, string orderId) =>
        (await cluster.ActiveGrains()).Contains(cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).GetGrainId());
}
