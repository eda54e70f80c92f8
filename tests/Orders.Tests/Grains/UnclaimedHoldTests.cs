using Orleans.Core.Internal;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Grains;

/// <summary>
/// A placement holds its stock and charges before its one write, so one lost with its silo in
/// between leaves holds, and maybe a charge, that no stored order owns. Once a hold has gone
/// unclaimed for the placement timeout, the stock asks its order: a stored one keeps it (and the
/// stock stores that its claims are settled), and one never stored voids any charge under its id
/// and gives the hold up.
/// </summary>
public sealed class UnclaimedHoldTests
{
    [Fact]
    public async Task The_hold_and_charge_of_a_placement_lost_before_its_write_are_given_back_even_if_first_asked_in_vain_while_a_stored_orders_hold_is_kept()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: StockClaims.ShortPlacementTimeout);
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var stored = await shop.Order(Unique.Id("customer"), pizza, quantity: 2);
        var lost = Unique.Id("order");
        // The first ask does not reach the lost order: the stock must ask it again. Armed before the
        // hold is left, whose ask may come at once.
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.ClaimsHold), lost);
        await LostPlacements.Leave(cluster, lost, pizza);

        await Eventually.Until(() => shop.Level(pizza), level => level.Reserved == 2, TimeSpan.FromSeconds(30));

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.ClaimsHold), lost));

        Assert.Equal((1, 1), (TestPayments.Ledger[lost].Charges, TestPayments.Ledger[lost].Refunds));
        Assert.Null(await cluster.GrainFactory.GetGrain<IOrderGrain>(lost).Get());
        Assert.Contains(SiloLogs.Lines(cluster), line => line.Message.StartsWith($"Order {lost}'s placement was lost before it was stored", StringComparison.Ordinal));
        // A late retry is refused: the provider would answer it with the refunded charge.
        var retried = await cluster.GrainFactory.GetGrain<IOrderGrain>(lost).Place(new PlaceOrder(Unique.Id("customer"), [new LineRequest(pizza, 1)]));
        Assert.Equal(RefusalKind.FailedPrecondition, retried.Refusal?.Kind);
        Assert.Equal(2, (await shop.Stock(pizza).Get()).Reserved);
        // Asked first (its hold came due first), the stored order kept its hold.
        Assert.True((await StockClaims.Stored(cluster, pizza)).Entries.ContainsKey(stored));
        Assert.Equal(OrderStatus.Paid, (await cluster.GrainFactory.GetGrain<IOrderGrain>(stored).Get())!.Status);
    }

    [Fact]
    public async Task A_stock_whose_activation_is_gone_is_woken_when_a_lost_placements_hold_is_overdue_though_nobody_calls_it()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: StockClaims.ShortPlacementTimeout);
        var shop = new Shop(cluster.GrainFactory);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var lost = Unique.Id("order");
        await LostPlacements.Leave(cluster, lost, pizza);
        // The stock's activation goes before the hold comes due (its silo stopped, say), and with it
        // the timer that would have asked the order; nobody calls the product again.
        await shop.Stock(pizza).AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var stored = await Eventually.Until(
            () => StockClaims.Stored(cluster, pizza),
            ledger => ledger.Entries.IsEmpty && ledger.WakeAt is null,
            TimeSpan.FromSeconds(30));

        // Given back, with its charge, and no wake left behind for the sweeper to find again.
        Assert.Equal((5, 0), (stored.Header.Level.OnHand, stored.Header.Level.Reserved));
        Assert.Equal((1, 1), (TestPayments.Ledger[lost].Charges, TestPayments.Ledger[lost].Refunds));
    }

    [Fact]
    public async Task A_stock_gone_quiet_stores_its_settled_claims_and_that_it_needs_no_wake_with_no_call_of_its_own()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: StockClaims.ShortPlacementTimeout);
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza, quantity: 1);

        var stored = await Eventually.Until(
            () => StockClaims.Stored(cluster, pizza),
            ledger => ledger.WakeAt is null && ledger.Header.ClaimsSettledThrough is not null,
            TimeSpan.FromSeconds(30));

        // The write that cleared the wake carried the settled time: a later activation does not ask the order again.
        Assert.True(stored.Header.ClaimsSettledThrough >= stored.Entries[orderId].ClaimBy);
        Assert.Equal(1, stored.Header.Level.Reserved);
    }

    [Fact]
    public async Task A_stored_order_gives_up_a_hold_on_a_product_it_does_not_order_and_its_own_claim_is_stored_settled()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: StockClaims.ShortPlacementTimeout);
        var shop = new Shop(cluster.GrainFactory);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var (pizza, pasta) = (await shop.Product(restaurantId, stock: 5), await shop.Product(restaurantId, stock: 5));
        var orderId = Unique.Id("order");
        // A placement under the id, of pasta, was lost unanswered after its reservation; the order then placed is of pizza.
        Assert.True((await shop.Stock(pasta).Reserve(orderId, 1)).IsHeld);
        var placed = await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Place(new PlaceOrder(Unique.Id("customer"), [new LineRequest(pizza, 1)]));
        Assert.Equal(OrderStatus.Paid, placed.Value!.Status);

        await Eventually.Until(() => shop.Level(pasta), level => level.Reserved == 0, TimeSpan.FromSeconds(30));
        // The pizza's claim costs no write of its own: the time through which claims are settled goes with the stock's next one.
        var stored = await StockClaims.SettledPast(cluster, pizza, orderId);
        Assert.Equal(1, stored.Entries[orderId].Quantity);
        Assert.Equal(OrderStatus.Paid, (await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get())!.Status);
    }

    [Fact]
    public async Task A_retry_that_comes_after_its_holds_were_given_back_is_refused_and_charges_nothing()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: StockClaims.ShortPlacementTimeout);
        var shop = new Shop(cluster.GrainFactory);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        Assert.True((await shop.Stock(pizza).Reserve(orderId, 1)).IsHeld);
        await Eventually.Until(() => shop.Level(pizza), level => level.Reserved == 0, TimeSpan.FromSeconds(30));

        var retried = await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Place(new PlaceOrder(Unique.Id("customer"), [new LineRequest(pizza, 1)]));

        // The order disowned its holds as never placed, and stored that, voiding its id at the provider on the way.
        Assert.Equal(RefusalKind.FailedPrecondition, retried.Refusal?.Kind);
        Assert.Equal(0, TestPayments.Ledger[orderId].Charges);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
    }
}
