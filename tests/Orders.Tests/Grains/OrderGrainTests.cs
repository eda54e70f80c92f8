using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Catalog;
using Orders.Grains.Customers;
using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace Orders.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class OrderGrainTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    private IOrderGrain Order(string? orderId = null) => fixture.Grains.GetGrain<IOrderGrain>(orderId ?? Unique.Id("order"));

    /// <summary>Ends the order's activation without a write, as its silo's death would.</summary>
    private static Task LoseActivation(IOrderGrain order) => order.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask();

    [Fact]
    public async Task Place_snapshots_name_and_price_from_the_catalog_reserves_stock_and_charges_in_one_write()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10, priceMinorUnits: 1250);
        var order = Order();

        var placed = (await order.Place(Shop.Command("alice", (pizza, 2)))).Value!;

        Assert.Equal(OrderStatus.Paid, placed.Status);
        Assert.Equal(restaurant, placed.RestaurantId);
        var line = Assert.Single(placed.Lines);
        Assert.Equal(($"Pizza {pizza}", new Money(1250, "EUR"), 2), (line.Name, line.UnitPrice, line.Quantity));
        Assert.Equal(new Money(2500, "EUR"), placed.Total);
        Assert.Equal([OrderStatus.Pending, OrderStatus.Placed, OrderStatus.Paid], placed.History.Select(change => change.Status));
        Assert.Equal(2, (await shop.Stock(pizza).Get()).Reserved);
        Assert.Equal(1, await GrainStateTable.Version(fixture.Cluster.Options.ServiceId, OrderGrain.StateName, order.GetPrimaryKeyString()));
    }

    [Fact]
    public async Task A_cancelled_order_stores_its_stock_as_given_back_so_no_later_activation_gives_it_back_again()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);

        await Order(orderId).Cancel("changed my mind");
        var stored = await fixture.Cluster.StoredOrder(orderId);

        Assert.Equal(OrderStatus.Cancelled, stored.Status);
        Assert.True(stored.StockSettled);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
    }

    [Fact]
    public async Task A_later_price_change_does_not_touch_a_placed_order()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10, priceMinorUnits: 1000);
        var order = Order();
        await order.Place(Shop.Command("alice", (pizza, 1)));

        await fixture.Grains.GetGrain<IProductGrain>(pizza).Update(new ProductInfo("Pizza Bianca", "", new Money(9900, "EUR"), true));

        // Once the update has reached the order (it takes the new name), the price is still the one it was placed at.
        var updated = await Eventually.Until(async () => (await order.Get())!, found => found.Lines[0].Name == "Pizza Bianca");
        Assert.Equal(new Money(1000, "EUR"), updated.Lines[0].UnitPrice);
    }

    [Fact]
    public async Task Repeated_products_in_a_request_add_up()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);

        var placed = (await Order().Place(Shop.Command("alice", (pizza, 1), (pizza, 2)))).Value!;

        Assert.Equal(3, Assert.Single(placed.Lines).Quantity);
        Assert.Equal(3, (await shop.Stock(pizza).Get()).Reserved);
    }

    [Fact]
    public async Task A_retried_place_returns_the_first_result_and_reserves_once()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var order = Order();

        var first = (await order.Place(Shop.Command("alice", (pizza, 2)))).Value!;
        var retry = (await order.Place(Shop.Command("alice", (pizza, 2)))).Value!;

        // The payment may have moved the order on in between; the retry adds nothing to its placement.
        Assert.Equal(first.History.AsEnumerable(), retry.History.Take(first.History.Length));
        Assert.Single(retry.History, change => change.Status == OrderStatus.Pending);
        Assert.Equal(2, (await shop.Stock(pizza).Get()).Reserved);
    }

    [Fact]
    public async Task The_same_order_id_with_other_content_already_exists()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var order = Order();
        await order.Place(Shop.Command("alice", (pizza, 2)));

        var other = await order.Place(Shop.Command("alice", (pizza, 3)));

        Assert.Equal(RefusalKind.AlreadyExists, other.Refusal!.Kind);
        Assert.Equal(2, (await shop.Stock(pizza).Get()).Reserved);
    }

    [Fact]
    public async Task An_order_whose_second_line_is_short_leaves_no_reservation_behind()
    {
        var restaurant = await shop.Restaurant();
        var plenty = await shop.Product(restaurant, stock: 10);
        var scarce = await shop.Product(restaurant, stock: 1);
        var order = Order();

        var result = await order.Place(Shop.Command("alice", (plenty, 2), (scarce, 2)));

        Assert.Equal(RefusalKind.FailedPrecondition, result.Refusal!.Kind);
        Assert.Contains(scarce, result.Refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(plenty, result.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await shop.Stock(plenty).Get()).Reserved);
        Assert.Equal(0, (await shop.Stock(scarce).Get()).Reserved);
        Assert.Equal(OrderStatus.Rejected, (await order.Get())!.Status);
    }

    /// <summary>
    /// Once a product ran short on a silo, its orders there are refused without a pending write or
    /// a hold: the plentiful line of such an order leaves its stock untouched, where the ordinary
    /// path reserves it and gives it back (two writes). Orders land on either silo, so the test
    /// places until one lands on a silo that has seen the shortage.
    /// </summary>
    [Fact]
    public async Task An_order_for_a_product_that_ran_short_on_its_silo_is_refused_without_holding_anything()
    {
        var restaurant = await shop.Restaurant();
        var plenty = await shop.Product(restaurant, stock: 1_000);
        var scarce = await shop.Product(restaurant, stock: 1);
        Assert.Null((await Order().Place(Shop.Command("alice", (scarce, 1)))).Refusal);

        var untouched = await Eventually.Until(
            async () =>
            {
                var before = (await shop.Stock(plenty).Get()).Version;
                var refused = await Order().Place(Shop.Command("bob", (plenty, 1), (scarce, 1)));
                return (refused.Refusal?.Message, Moved: (await shop.Stock(plenty).Get()).Version != before);
            },
            attempt => !attempt.Moved);

        Assert.Equal($"insufficient stock: {scarce} (asked 1, available 0)", untouched.Message);
        Assert.Equal(0, (await shop.Stock(plenty).Get()).Reserved);
    }

    [Fact]
    public async Task A_product_that_ran_short_is_ordered_as_usual_once_restocked()
    {
        var restaurant = await shop.Restaurant();
        var scarce = await shop.Product(restaurant, stock: 1);
        Assert.Null((await Order().Place(Shop.Command("alice", (scarce, 1)))).Refusal);
        for (var attempt = 0; attempt < 4; attempt++)      // teaches the shortage to the silos these land on
            Assert.NotNull((await Order().Place(Shop.Command("bob", (scarce, 1)))).Refusal);

        await shop.Stock(scarce).Adjust(2);
        var placed = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Order().Place(Shop.Command("carol", (scarce, 1)))));

        Assert.All(placed, result => Assert.Null(result.Refusal));
        Assert.Equal(3, (await shop.Stock(scarce).Get()).Reserved);   // alice's unit and carol's two
    }

    [Fact]
    public async Task A_rejected_order_is_kept_so_a_retry_gets_the_same_answer_even_after_restock()
    {
        var restaurant = await shop.Restaurant();
        var scarce = await shop.Product(restaurant, stock: 1);
        var order = Order();
        var first = await order.Place(Shop.Command("alice", (scarce, 2)));

        await shop.Stock(scarce).Adjust(10);
        var retry = await order.Place(Shop.Command("alice", (scarce, 2)));

        Assert.Equal(first.Refusal, retry.Refusal);
        Assert.Equal(0, (await shop.Stock(scarce).Get()).Reserved);
    }

    [Fact]
    public async Task An_unknown_product_is_not_found_and_creates_no_order()
    {
        var order = Order();

        var result = await order.Place(Shop.Command("alice", ("no-such-product", 1)));

        Assert.Equal(RefusalKind.NotFound, result.Refusal!.Kind);
        Assert.Null(await order.Get());
    }

    [Fact]
    public async Task Cancel_releases_the_stock_and_a_retried_cancel_is_harmless()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var order = Order();
        await order.Place(Shop.Command("alice", (pizza, 3)));

        var cancelled = (await order.Cancel("changed my mind")).Value!;
        var retry = (await order.Cancel("changed my mind")).Value!;

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal("at the customer's request: changed my mind", cancelled.History[^1].Reason);
        Assert.Equal(cancelled.History.AsEnumerable(), retry.History.AsEnumerable());
        Assert.Equal(new Inventory(10, 0), await Stock(pizza));
    }

    [Fact]
    public async Task Cancel_is_refused_for_a_rejected_order_and_unknown_orders_are_not_found()
    {
        var restaurant = await shop.Restaurant();
        var scarce = await shop.Product(restaurant, stock: 0);
        var rejected = Order();
        await rejected.Place(Shop.Command("alice", (scarce, 1)));

        Assert.Equal(RefusalKind.FailedPrecondition, (await rejected.Cancel("no")).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, (await Order().Cancel("no")).Refusal!.Kind);
    }

    [Fact]
    public async Task The_customer_remembers_each_order_once()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var customer = Unique.Id("customer");
        var first = Unique.Id("order");
        var second = Unique.Id("order");

        await Order(first).Place(Shop.Command(customer, (pizza, 1)));
        await Order(first).Place(Shop.Command(customer, (pizza, 1)));
        await Order(second).Place(Shop.Command(customer, (pizza, 1)));

        Assert.Equal(new[] { first, second }, (await fixture.Grains.GetGrain<ICustomerGrain>(customer).OrderIds()).AsEnumerable());
    }

    [Fact]
    public async Task An_order_keeps_what_it_tells_its_customer_and_the_inbox_reads_it_beside_the_rows_other_producers_filed_in_the_order_received()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 10);
        var customer = Unique.Id("customer");
        var (refunded, recent) = (Unique.Id("order"), Unique.Id("order"));
        var rows = fixture.OnEverySilo<IListStore>()[0];
        // An earlier order's refund, which its payment files as a row of the inbox.
        var filed = new Notification(Guid.NewGuid(), refunded, NotificationKind.Refunded, "filed as a row", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        await rows.Add(CustomerLists.InboxOf(customer), $"{EventSources.Payment(refunded)}#1", filed);

        await Order(recent).Place(Shop.Command(customer, (pizza, 1)));

        var inbox = await Eventually.Until(
            () => fixture.Grains.GetGrain<ICustomerGrain>(customer).Notifications(),
            found => found.Any(notification => notification.Kind == NotificationKind.OrderPaid));
        Assert.Equal(
            [(refunded, NotificationKind.Refunded), (recent, NotificationKind.OrderPlaced), (recent, NotificationKind.OrderPaid)],
            inbox.Select(notification => (notification.OrderId, notification.Kind)));
        Assert.Equal([filed.Id], (await rows.Read<Notification>(CustomerLists.InboxOf(customer))).Select(notification => notification.Id));
    }

    [Fact]
    public async Task Rejected_orders_are_listed_with_their_customer_whichever_way_they_were_refused()
    {
        var scarce = await shop.Product(await shop.Restaurant(), stock: 1);
        var customerId = Unique.Id("customer");
        var orderIds = Enumerable.Range(0, 6).Select(_ => Unique.Id("order")).ToList();

        // The first on each silo runs short at its reservation; the rest, on a silo that now knows
        // the product short, are refused in one write: two silos, so at least four of six.
        foreach (var orderId in orderIds)
            Assert.NotNull((await Order(orderId).Place(Shop.Command(customerId, (scarce, 2)))).Refusal);

        Assert.Equal(orderIds, (await fixture.Grains.GetGrain<ICustomerGrain>(customerId).OrderIds()).AsEnumerable());
    }

    [Fact]
    public async Task Two_hundred_concurrent_orders_for_fifty_units_never_oversell()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(_ => Order().Place(Shop.Command(Unique.Id("customer"), (pizza, 1)))));

        // Placed is held and charged too, its answer later than the placement waits (a stall of the machine's).
        Assert.Equal(50, results.Count(result => result.Value?.Status is OrderStatus.Paid or OrderStatus.Placed));
        Assert.Equal(150, results.Count(result => result.Refusal?.Kind == RefusalKind.FailedPrecondition));
        var stock = await shop.Stock(pizza).Get();
        Assert.Equal((50, 50, 0), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task A_release_that_fails_after_the_cancellation_is_stored_is_made_on_the_orders_timer_and_the_cancel_still_answered()
    {
        var restaurantId = await shop.Restaurant();
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza, quantity: 2);
        // Everything that follows the order's PAID write has happened: paid, and waiting at its restaurant.
        await shop.Reaches(orderId, OrderStatus.Paid);
        await Eventually.Until(() => fixture.Grains.GetGrain<IRestaurantGrain>(restaurantId).PendingOrders(), found => found.Any(order => order.OrderId == orderId));
        // The stock's next write fails, as a second activation's would make it, and so does the release in the cancel.
        await LedgerTable.MoveOnBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, $"inventory/{pizza}");

        // The cancellation is stored: its caller is told so, not that it failed.
        var cancelled = await Order(orderId).Cancel("changed my mind");
        Assert.Equal(OrderStatus.Cancelled, cancelled.Value!.Status);

        // Nothing calls the order again (a call would reactivate it, and activation settles): its timer must.
        await Eventually.Until(() => Stock(pizza), stock => stock.Reserved == 0);
        Assert.Equal(OrderStatus.Cancelled, (await Order(orderId).Get())!.Status);
    }

    [Fact]
    public async Task A_placement_whose_charge_outlasts_the_wait_is_stored_placed_and_paid_when_the_charge_answers_in_another_activation()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        var order = Order(orderId);
        // The charge's answer comes after the placement stopped waiting.
        var answer = GatedPayments.HoldNextAnswer(orderId);
        var placed = await order.Place(Shop.Command(Unique.Id("customer"), (pizza, 2)));
        Assert.Equal(OrderStatus.Placed, placed.Value!.Status);
        var stored = await fixture.Cluster.StoredOrder(orderId);
        Assert.Equal(OrderStatus.Placed, stored.Status);

        // The activation goes while the charge is under way: its answer reaches the next one.
        await LoseActivation(order);
        answer.Release();
        var paid = await shop.Reaches(orderId, OrderStatus.Paid);

        Assert.Equal([OrderStatus.Pending, OrderStatus.Placed, OrderStatus.Paid], paid.History.Select(change => change.Status));
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
        Assert.Equal((5, 2, 0), await shop.Level(pizza));
    }

    [Fact]
    public async Task A_placement_cut_short_stores_nothing_and_charges_nothing_and_its_retry_places_it()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        var customerId = Unique.Id("customer");
        // The stock's next write fails, so the placement stops at its reservation, as if its silo died there.
        await LedgerTable.MoveOnBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, $"inventory/{pizza}");
        await Assert.ThrowsAsync<InconsistentStateException>(() => Order(orderId).Place(Shop.Command(customerId, (pizza, 2))));

        Assert.Null(await Order(orderId).Get());
        Assert.Equal(0, TestPayments.Ledger[orderId].Calls);
        var retried = await Order(orderId).Place(Shop.Command(customerId, (pizza, 2)));

        Assert.Equal(OrderStatus.Paid, retried.Value!.Status);
        Assert.Equal((5, 2, 0), await shop.Level(pizza));
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
        Assert.Equal([orderId], (await fixture.Grains.GetGrain<ICustomerGrain>(customerId).OrderIds()).AsEnumerable());
    }

    private async Task<Inventory> Stock(string productId)
    {
        var level = await shop.Stock(productId).Get();
        return new Inventory(level.OnHand, level.Reserved);
    }

    private sealed record Inventory(int OnHand, int Reserved);
}
