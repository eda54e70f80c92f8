using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Catalog;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;
using Orleans.Storage;

namespace Orders.Tests.Grains;

/// <summary>
/// A new order placed by a silo's worker (<see cref="OrderPlacement"/>) is stored as its grain
/// would store it, without that grain's activation; what is not the usual path is placed by the
/// order's grain, which repeats the worker's steps without taking anything twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OrderPlacementTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    private IOrderPlacement Placement => fixture.Grains.GetGrain<IOrderPlacement>(0);

    private string ServiceId => fixture.Cluster.Options.ServiceId;

    /// <summary>A product with ten in stock at a restaurant that answers by hand, and an id nothing was placed under.</summary>
    private async Task<(string ProductId, string OrderId)> APizzaAndANewOrderId() =>
        (await shop.Product(await shop.Restaurant(), stock: 10), Unique.Id("order"));

    [Fact]
    public async Task An_order_read_before_its_worker_stored_it_is_found_once_stored()
    {
        var (pizza, orderId) = await APizzaAndANewOrderId();
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);

        // A client told that its placement may have gone through reads the order too soon.
        var tooSoon = await order.Get();
        var placed = await Placement.PlaceNew(orderId, Shop.Command("alice", (pizza, 1)));
        var later = await order.Get();

        Assert.Null(tooSoon);
        Assert.Equal(placed.Value!.Status, later?.Status);
    }

    [Fact]
    public async Task A_new_order_is_stored_paid_with_its_lines_held_and_its_grain_activates_only_when_asked()
    {
        var (pizza, orderId) = await APizzaAndANewOrderId();
        // Were the order's grain asked to place it, this would take the call.
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.Place), orderId);

        var placed = await Placement.PlaceNew(orderId, Shop.Command("alice", (pizza, 2)));

        Assert.True(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.Place), orderId));
        Assert.Equal(OrderStatus.Paid, placed.Value!.Status);
        Assert.Equal(1, await GrainStateTable.Version(ServiceId, OrderGrain.StateName, orderId));
        Assert.Equal(2, (await shop.Stock(pizza).Get()).Reserved);
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
        Assert.DoesNotContain(order.GetGrainId(), await fixture.Cluster.ActiveGrains());

        var read = await order.Get();
        Assert.Equal((OrderStatus.Paid, placed.Value.Total), (read!.Status, read.Total));
        // Arrays, for their items: an ImmutableArray equals only one over the same array.
        Assert.Equal(placed.Value.Lines.ToArray(), read.Lines.ToArray());
    }

    [Fact]
    public async Task The_stock_hears_the_new_orders_claim_and_settles_its_hold_without_asking_or_waking_the_order()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: StockClaims.ShortPlacementTimeout);
        var shop = new Shop(cluster.GrainFactory);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        // Were the stock to ask the order whether it claims its hold, this would take the ask.
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.ClaimsHold), orderId);

        await cluster.GrainFactory.GetGrain<IOrderPlacement>(0).PlaceNew(orderId, Shop.Command("alice", (pizza, 2)));
        var stored = await StockClaims.SettledPast(cluster, pizza, orderId);

        Assert.True(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.ClaimsHold), orderId));
        Assert.Equal(2, stored.Entries[orderId].Quantity);
        Assert.DoesNotContain(cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).GetGrainId(), await cluster.ActiveGrains());
    }

    [Fact]
    public async Task An_order_none_of_whose_lines_could_be_held_is_stored_rejected_without_its_grain_and_its_silo_notes_the_shortage()
    {
        var cola = await shop.Product(await shop.Restaurant(), stock: 1);
        var orderId = Unique.Id("order");
        // Were the order's grain asked to place it, this would take the call.
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.Place), orderId);

        var refused = await Placement.PlaceNew(orderId, Shop.Command("alice", (cola, 3)));

        await AssertRejectedByTheWorker(orderId, refused, $"insufficient stock: {cola} (asked 3, available 1)");
        Assert.Equal(0, (await shop.Stock(cola).Get()).Reserved);
        Assert.Contains(SilosShortStock(), shortStock => shortStock.Contains(cola));
    }

    [Fact]
    public async Task An_order_for_a_product_its_silo_saw_run_short_is_stored_rejected_holding_nothing_without_its_grain()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var cola = await shop.Product(restaurant, stock: 1);
        foreach (var shortStock in SilosShortStock())
            shortStock.RanShort(cola);
        var orderId = Unique.Id("order");
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.Place), orderId);

        var refused = await Placement.PlaceNew(orderId, Shop.Command("alice", (pizza, 2), (cola, 3)));

        await AssertRejectedByTheWorker(orderId, refused, $"insufficient stock: {cola} (asked 3, available 1)");
        Assert.Equal((0, 0), ((await shop.Stock(pizza).Get()).Reserved, (await shop.Stock(cola).Get()).Reserved));
    }

    [Fact]
    public async Task A_line_short_beside_lines_held_has_the_order_stored_rejected_by_the_worker_the_held_lines_given_back_and_the_provider_never_asked()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var cola = await shop.Product(restaurant, stock: 1);
        var orderId = Unique.Id("order");
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.Place), orderId);

        var refused = await Placement.PlaceNew(orderId, Shop.Command("alice", (pizza, 2), (cola, 3)));

        await AssertRejectedByTheWorker(orderId, refused, $"insufficient stock: {cola} (asked 3, available 1)");
        Assert.Equal((0, 0), ((await shop.Stock(pizza).Get()).Reserved, (await shop.Stock(cola).Get()).Reserved));
        // Nothing was charged, so there is nothing to void either.
        Assert.Equal(0, TestPayments.Ledger[orderId].Calls);
    }

    [Fact]
    public async Task A_restaurant_that_accepts_by_itself_has_the_order_placed_and_accepted_by_its_grain()
    {
        var (restaurant, _) = await shop.Restaurant(autoAccept: true);
        var pizza = await shop.Product(restaurant, stock: 10);
        var orderId = Unique.Id("order");

        var placed = await Placement.PlaceNew(orderId, Shop.Command("alice", (pizza, 1)));

        Assert.Equal(OrderStatus.Accepted, placed.Value!.Status);
        Assert.Equal(OrderStatus.Accepted, (await fixture.Grains.GetGrain<IOrderGrain>(orderId).Get())!.Status);
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
    }

    [Fact]
    public async Task A_declined_charge_has_the_order_ended_by_its_grain_with_its_lines_given_back_and_nothing_charged()
    {
        var (pizza, orderId) = await APizzaAndANewOrderId();

        var placed = await Placement.PlaceNew(orderId, Shop.Command(Unique.Id("declined-"), (pizza, 2)));

        Assert.Equal(OrderStatus.PaymentFailed, placed.Value!.Status);
        Assert.Equal(0, (await shop.Stock(pizza).Get()).Reserved);
        Assert.Equal(0, TestPayments.Ledger[orderId].Charges);
    }

    [Fact]
    public async Task A_charge_slower_than_the_placement_waits_is_stored_placed_and_its_answer_pays_the_order()
    {
        var (pizza, orderId) = await APizzaAndANewOrderId();
        var answer = GatedPayments.HoldNextAnswer(orderId);

        var placed = await Placement.PlaceNew(orderId, Shop.Command(Unique.Id("customer"), (pizza, 1)));

        Assert.Equal(OrderStatus.Placed, placed.Value!.Status);
        Assert.Equal(OrderStatus.Placed, (await fixture.Grains.GetGrain<IOrderGrain>(orderId).Get())!.Status);
        answer.Release();
        await shop.Reaches(orderId, OrderStatus.Paid);
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
    }

    [Fact]
    public async Task An_activation_that_found_nothing_stored_leaves_so_the_workers_slow_charge_still_pays_the_order()
    {
        var (pizza, orderId) = await APizzaAndANewOrderId();
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
        // A client told its placement may have gone through cancels it before the worker stored it.
        Assert.Equal(RefusalKind.NotFound, (await order.Cancel("changed my mind")).Refusal?.Kind);
        var answer = GatedPayments.HoldNextAnswer(orderId);
        Assert.Equal(OrderStatus.Placed, (await Placement.PlaceNew(orderId, Shop.Command(Unique.Id("customer"), (pizza, 1)))).Value!.Status);

        answer.Release();

        // Read from the table: asking the grain would bring a fresh activation of its own.
        await Eventually.Until(() => fixture.Cluster.StoredOrder(orderId), stored => stored.Status == OrderStatus.Paid);
    }

    [Fact]
    public async Task A_restaurant_closed_while_the_order_was_being_charged_rejects_it_as_it_is_paid()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 10);
        var orderId = Unique.Id("order");
        var answer = GatedPayments.HoldNextAnswer(orderId);
        var placing = Placement.PlaceNew(orderId, Shop.Command(Unique.Id("customer"), (pizza, 1)));
        await answer.Reached;

        // Closed once its answer was read at the placement's start; the charge answers well inside the wait.
        Assert.False((await fixture.Grains.GetGrain<IRestaurantGrain>(restaurantId)
            .Configure(new RestaurantSettings(Open: false, AutoAccept: false, TimeSpan.FromMinutes(1), 4, zone))).IsRefused);
        answer.Release();

        // Answered cancelled, or, on a machine slow enough to outlast the wait, placed and cancelled as the answer comes.
        Assert.False((await placing).IsRefused);
        await shop.Reaches(orderId, OrderStatus.Cancelled);
        await Eventually.Until(() => Task.FromResult(TestPayments.Ledger[orderId].Refunds), refunds => refunds == 1);
    }

    [Fact]
    public async Task A_placement_whose_order_was_stored_meanwhile_is_refused_and_writes_nothing_over_it()
    {
        var (pizza, orderId) = await APizzaAndANewOrderId();
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
        // As the record of a lost placement would be, stored by the order when its stock asked.
        await GrainStateTable.WriteBehindTheGrainsBack(ServiceId, OrderGrain.StateName, order.GetGrainId().ToString());

        var refused = await Placement.PlaceNew(orderId, Shop.Command("alice", (pizza, 1)));

        Assert.Equal(RefusalKind.FailedPrecondition, refused.Refusal!.Kind);
        Assert.Contains("was lost while it was being placed", refused.Refusal.Message);
        Assert.Equal(1, await GrainStateTable.Version(ServiceId, OrderGrain.StateName, orderId));
    }

    [Fact]
    public async Task An_order_whose_activation_read_nothing_before_the_workers_write_gives_back_no_charge_when_its_stock_asks()
    {
        var (pizza, orderId) = await APizzaAndANewOrderId();
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
        // The order's activation reads nothing, then the worker's write lands: as when a write
        // late past the placement timeout lands while its stock asks the order about the hold.
        var held = InjectedFaults.Instance.HoldNextCall(nameof(IOrderGrain.ClaimsHold), orderId);
        var asked = order.ClaimsHold(pizza);
        await held.Reached;
        var placed = await Placement.PlaceNew(orderId, Shop.Command("alice", (pizza, 1)));
        Assert.Equal(OrderStatus.Paid, placed.Value!.Status);
        held.Release();

        // Its record of a lost placement cannot be stored over the order: nothing is given back,
        // and the next ask finds the paid order, which keeps its hold.
        await Assert.ThrowsAsync<InconsistentStateException>(() => asked);
        Assert.True(await order.ClaimsHold(pizza));

        Assert.Equal((1, 0), (TestPayments.Ledger[orderId].Charges, TestPayments.Ledger[orderId].Refunds));
        Assert.Equal(OrderStatus.Paid, (await order.Get())!.Status);
    }

    [Fact]
    public async Task A_placement_lost_while_its_charge_was_answering_has_the_charge_refunded_and_writes_nothing_over_the_loss()
    {
        // The hold comes due within the placement's wait for its charge.
        await using var cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?>(StockClaims.ShortPlacementTimeout)
        {
            ["Lifecycle:ChargeWait"] = "00:01:00",
            ["Payments:Resilience:AttemptTimeout"] = "00:01:00",
        });
        var shop = new Shop(cluster.GrainFactory);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        var answer = GatedPayments.HoldNextAnswer(orderId);

        var placing = cluster.GrainFactory.GetGrain<IOrderPlacement>(0).PlaceNew(orderId, Shop.Command("alice", (pizza, 2)));
        await answer.Reached;
        // Unclaimed, the hold comes due: the stock asks the order, which finds nothing stored,
        // refunds the charge taken under its id, records the loss and gives the hold back.
        await Eventually.Until(() => shop.Level(pizza), level => level.Reserved == 0);
        answer.Release();
        var refused = await placing;

        Assert.Equal(RefusalKind.FailedPrecondition, refused.Refusal!.Kind);
        Assert.Contains("was lost while it was being placed", refused.Refusal.Message);
        Assert.Equal((1, 1), (TestPayments.Ledger[orderId].Charges, TestPayments.Ledger[orderId].Refunds));
        Assert.Null(await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Get());
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
    }

    [Fact]
    public async Task A_declined_charge_handed_to_the_orders_grain_is_placed_at_the_prices_charged_though_the_catalog_changed_meanwhile()
    {
        await using var cluster = await OrdersCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?>
        {
            ["Lifecycle:ChargeWait"] = "00:01:00",
            ["Payments:Resilience:AttemptTimeout"] = "00:01:00",
        });
        var shop = new Shop(cluster.GrainFactory);
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5, priceMinorUnits: 1000);
        var orderId = Unique.Id("order");
        var answer = GatedPayments.HoldNextAnswer(orderId);

        // The worker's charge is declined at the price it read; before it hears so, the price changes.
        var placing = cluster.GrainFactory.GetGrain<IOrderPlacement>(0).PlaceNew(orderId, Shop.Command(Unique.Id("declined-"), (pizza, 1)));
        await answer.Reached;
        await cluster.GrainFactory.GetGrain<IProductGrain>(pizza).Update(new ProductInfo("Pizza", "", new Money(1400, "EUR"), Available: true));
        var catalog = cluster.FirstSiloServices().GetRequiredService<ProductCache>();
        await Eventually.Until(async () => await catalog.Get(pizza), product => product?.Info.Price.MinorUnits == 1400);
        answer.Release();
        var placed = await placing;

        Assert.Equal((OrderStatus.PaymentFailed, 1000L), (placed.Value?.Status, placed.Value?.Total.MinorUnits));
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        Assert.Equal(0, TestPayments.Ledger[orderId].Charges);
    }

    /// <summary>Each silo's record of the products that ran short on it.</summary>
    private IEnumerable<ShortStock> SilosShortStock() =>
        fixture.Cluster.Silos.Cast<InProcessSiloHandle>().Select(silo => silo.SiloHost.Services.GetRequiredService<ShortStock>());

    /// <summary>The refusal stored as the order's one version, rejected, nothing charged, and its grain never asked to place it.</summary>
    private async Task AssertRejectedByTheWorker(string orderId, Result<OrderSnapshot> refused, string message)
    {
        Assert.True(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.Place), orderId));
        Assert.Equal(message, refused.Refusal!.Message);
        Assert.Equal(1, await GrainStateTable.Version(ServiceId, OrderGrain.StateName, orderId));
        var read = await fixture.Grains.GetGrain<IOrderGrain>(orderId).Get();
        Assert.Equal((OrderStatus.Rejected, message), (read!.Status, read.History[^1].Reason));
        Assert.Equal(0, TestPayments.Ledger[orderId].Charges);
    }
}
