using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;
using Orders.Tests.Streams.Probes;

namespace Orders.Tests.Lifecycle;

/// <summary>The restaurant's answers, the kitchen, and the customer's cancellations around them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RestaurantPathTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    [Fact]
    public async Task A_paid_order_waits_for_its_restaurant_and_a_rejection_releases_and_refunds()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var customerId = Unique.Id("customer");
        var orderId = await shop.Order(customerId, pizza, quantity: 2);
        var paid = await shop.Reaches(orderId, OrderStatus.Paid);
        var pending = await Eventually.Until(() => Restaurant(restaurantId).PendingOrders(), found => found.Any(order => order.OrderId == orderId));
        Assert.Equal(new PendingOrder(orderId, customerId, new Money(2500, "EUR"), paid.History[^1].At), Assert.Single(pending));

        var rejected = await Restaurant(restaurantId).RejectOrder(orderId, "out of dough");
        var retried = await Restaurant(restaurantId).RejectOrder(orderId, "out of dough");
        await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.Equal(OrderStatus.Cancelled, rejected.Value!.Status);
        Assert.Equal("rejected by the restaurant: out of dough", rejected.Value.History[^1].Reason);
        Assert.Equal<StatusChange>(rejected.Value.History, retried.Value!.History);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        Assert.Empty(await Restaurant(restaurantId).PendingOrders());
        Assert.Equal((1, 1), (TestPayments.Ledger[orderId].Charges, TestPayments.Ledger[orderId].Refunds));
    }

    [Fact]
    public async Task A_closed_restaurant_turns_paid_orders_down_and_they_are_refunded()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true);
        await Restaurant(restaurantId).Configure(new RestaurantSettings(Open: false, AutoAccept: true, TimeSpan.FromMinutes(1), 4, zone));
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);

        var cancelled = await shop.Reaches(orderId, OrderStatus.Cancelled);
        await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.Equal("rejected by the restaurant: the restaurant is closed", cancelled.History[^1].Reason);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
    }

    [Fact]
    public async Task The_customer_may_cancel_a_paid_order_and_is_refunded()
    {
        var (orderId, pizza, restaurantId) = await shop.PaidOrderAwaitingTheRestaurant();

        var cancelled = await Order(orderId).Cancel("too slow");
        await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.Equal(OrderStatus.Cancelled, cancelled.Value!.Status);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        await Eventually.Until(() => Restaurant(restaurantId).PendingOrders(), pending => pending.IsEmpty);
    }

    [Fact]
    public async Task A_customer_whose_reason_reads_like_a_rejection_has_not_rejected_the_order()
    {
        var (orderId, _, restaurantId) = await shop.PaidOrderAwaitingTheRestaurant();

        var cancelled = await Order(orderId).Cancel("rejected by the restaurant: out of dough");
        var rejected = await Restaurant(restaurantId).RejectOrder(orderId, "out of dough");

        Assert.Equal("at the customer's request: rejected by the restaurant: out of dough", cancelled.Value!.History[^1].Reason);
        Assert.Equal(RefusalKind.FailedPrecondition, rejected.Refusal!.Kind);
    }

    [Fact]
    public async Task The_customer_cannot_cancel_once_the_restaurant_accepted_or_the_payment_failed()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: true);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var accepted = await shop.Order(Unique.Id("customer"), pizza);
        var declined = await shop.Order(Unique.Id("declined"), pizza);
        await shop.Reaches(accepted, OrderStatus.Accepted);
        await shop.Reaches(declined, OrderStatus.PaymentFailed);

        Assert.Equal(RefusalKind.FailedPrecondition, (await Order(accepted).Cancel("no")).Refusal!.Kind);
        Assert.Equal(RefusalKind.FailedPrecondition, (await Order(declined).Cancel("no")).Refusal!.Kind);
        Assert.Equal(OrderStatus.Accepted, (await Order(accepted).Get())!.Status);
        Assert.Equal((4, 0, 1), await shop.Level(pizza));       // the accepted one is sold, the declined one released
    }

    [Fact]
    public async Task The_kitchen_prepares_up_to_its_capacity_and_starts_the_next_order_when_one_is_ready()
    {
        // Far longer than the test: only MarkOrderReady readies an order here.
        var (restaurantId, _) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.FromMinutes(10), capacity: 1);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var first = await shop.Order(Unique.Id("customer"), pizza);
        // Accepted once paid, which a slow charge delays: the second must come to the kitchen after it.
        await shop.Reaches(first, OrderStatus.Accepted);
        var second = await shop.Order(Unique.Id("customer"), pizza);

        var queued = await Eventually.Until(() => Restaurant(restaurantId).Kitchen(), tickets => tickets.Length == 2);
        Assert.NotNull((await Restaurant(restaurantId).MarkOrderReady(first)).Value);
        var started = await Restaurant(restaurantId).Kitchen();

        Assert.Equal([(first, true), (second, false)], queued.Select(ticket => (ticket.OrderId, ticket.ReadyAt is not null)));
        Assert.Equal(second, Assert.Single(started).OrderId);
        Assert.NotNull(started[0].ReadyAt);
        Assert.Equal(OrderStatus.Accepted, (await Order(second).Get())!.Status);
    }

    [Fact]
    public async Task The_kitchen_timer_readies_an_order_once_its_prep_time_is_over()
    {
        var prepTime = TimeSpan.FromSeconds(2);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: true, prepTime: prepTime);
        var pizza = await shop.Product(restaurantId, stock: 5);

        var ready = await shop.Reaches(await shop.Order(Unique.Id("customer"), pizza), OrderStatus.Ready, TimeSpan.FromSeconds(30));

        var acceptedAt = ready.History.Single(change => change.Status == OrderStatus.Accepted).At;
        Assert.True(ready.History[^1].At - acceptedAt >= prepTime, "prepared for at least its prep time");
        await Eventually.Until(() => Restaurant(restaurantId).Kitchen(), tickets => tickets.IsEmpty);
    }

    [Fact]
    public async Task An_order_with_no_prep_time_is_ready_as_soon_as_it_is_accepted()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: true, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var writesBefore = await RestaurantWrites(restaurantId);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);

        await shop.Reaches(orderId, OrderStatus.Ready);

        // Through the kitchen, which is never due sooner than a second ahead, the restaurant would
        // have written the ticket in and out: it wrote nothing.
        Assert.Equal(writesBefore, await RestaurantWrites(restaurantId));
        Assert.Empty(await Restaurant(restaurantId).Kitchen());
    }

    [Fact]
    public async Task The_restaurant_may_mark_an_order_ready_before_its_prep_time_and_only_its_own()
    {
        var (orderId, pizza, restaurantId) = await shop.PaidOrderAwaitingTheRestaurant();
        var (otherId, _) = await shop.Restaurant(autoAccept: false);

        Assert.Equal(RefusalKind.FailedPrecondition, (await Restaurant(restaurantId).MarkOrderReady(orderId)).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, (await Restaurant(otherId).AcceptOrder(orderId)).Refusal!.Kind);
        Assert.Equal(OrderStatus.Accepted, (await Restaurant(restaurantId).AcceptOrder(orderId)).Value!.Status);
        Assert.Equal((4, 0, 1), await shop.Level(pizza));
        Assert.Equal(OrderStatus.Ready, (await Restaurant(restaurantId).MarkOrderReady(orderId)).Value!.Status);
        Assert.Equal(OrderStatus.Ready, (await Restaurant(restaurantId).MarkOrderReady(orderId)).Value!.Status);
    }

    [Fact]
    public async Task An_order_its_customer_cancelled_can_be_neither_rejected_nor_made_ready_by_its_restaurant()
    {
        var (orderId, _, restaurantId) = await shop.PaidOrderAwaitingTheRestaurant();
        var cancelled = (await Order(orderId).Cancel("changed my mind")).Value!;

        var rejected = await Restaurant(restaurantId).RejectOrder(orderId, "out of dough");
        var ready = await Restaurant(restaurantId).MarkOrderReady(orderId);

        Assert.Equal((RefusalKind.FailedPrecondition, RefusalKind.FailedPrecondition), (rejected.Refusal?.Kind, ready.Refusal?.Kind));
        Assert.Equal<StatusChange>(cancelled.History, (await Order(orderId).Get())!.History);
    }

    [Fact]
    public async Task An_order_event_delivered_again_after_the_order_left_the_restaurant_changes_nothing()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: false, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var customerId = Unique.Id("customer");
        var cooked = await shop.Order(customerId, pizza);
        await shop.Reaches(cooked, OrderStatus.Paid);
        await Eventually.Until(() => Restaurant(restaurantId).PendingOrders(), pending => pending.Any(order => order.OrderId == cooked));
        await Restaurant(restaurantId).AcceptOrder(cooked);
        await shop.Reaches(cooked, OrderStatus.Ready);
        await Eventually.Until(() => Restaurant(restaurantId).Kitchen(), tickets => tickets.IsEmpty);

        // The order's own events again, as a reader taking over a queue delivers rows not yet acknowledged.
        var publisher = fixture.Grains.GetGrain<IProbePublisherGrain>(Guid.NewGuid());
        await publisher.PublishRouted(new OrderAccepted(Header(cooked, sequence: 4), cooked, customerId, restaurantId, zone));
        var next = await shop.Order(customerId, pizza);
        await shop.Reaches(next, OrderStatus.Paid);
        await Restaurant(restaurantId).AcceptOrder(next);

        // The restaurant stream keeps order: once the next order's acceptance has readied it, the repeat was applied.
        await shop.Reaches(next, OrderStatus.Ready);
        Assert.Empty(await Restaurant(restaurantId).PendingOrders());
        Assert.Empty(await Restaurant(restaurantId).Kitchen());
        Assert.Equal(OrderStatus.Ready, (await Order(cooked).Get())!.Status);
    }

    [Fact]
    public async Task A_paid_order_is_pending_at_its_restaurant_when_its_payment_is_stored_and_leaves_with_its_answer()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var (accepted, rejected) = (await shop.Order(Unique.Id("customer"), pizza), await shop.Order(Unique.Id("customer"), pizza));

        // No waiting: the PAID write listed each, and the writes of the answers take them off.
        foreach (var orderId in new[] { accepted, rejected })
        {
            await shop.Reaches(orderId, OrderStatus.Paid);
            Assert.Contains(orderId, await PendingEntries(restaurantId));
        }
        Assert.Equal(new[] { accepted, rejected }.Order(StringComparer.Ordinal), await PendingIds(restaurantId));
        await Restaurant(restaurantId).AcceptOrder(accepted);
        await Restaurant(restaurantId).RejectOrder(rejected, "out of dough");
        Assert.Empty(await PendingEntries(restaurantId));
    }

    [Fact]
    public async Task A_restaurant_answering_on_its_own_answers_in_the_payments_write_and_lists_nothing()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: true);
        var pizza = await shop.Product(restaurantId, stock: 5);

        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        var accepted = await shop.Reaches(orderId, OrderStatus.Accepted);

        // Paid and accepted at the same instant: one write.
        Assert.Equal(accepted.History[^2].At, accepted.History[^1].At);
        Assert.Equal([OrderStatus.Paid, OrderStatus.Accepted], accepted.History.TakeLast(2).Select(change => change.Status));
        Assert.Empty(await PendingEntries(restaurantId));
        await Restaurant(restaurantId).Configure(new RestaurantSettings(Open: true, AutoAccept: false, TimeSpan.FromMinutes(1), 4, zone));
        var waiting = await shop.Order(Unique.Id("customer"), pizza);
        await shop.Reaches(waiting, OrderStatus.Paid);
        Assert.Equal<string>([waiting], await PendingEntries(restaurantId));
    }

    [Fact]
    public async Task A_pending_order_that_cannot_be_read_now_is_left_out_and_the_rest_are_listed()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var (unreachable, listed) = (await shop.Order(Unique.Id("customer"), pizza), await shop.Order(Unique.Id("customer"), pizza));
        await Eventually.Until(() => Restaurant(restaurantId).PendingOrders(), pending => pending.Length == 2);
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.Get), unreachable, new SiloUnavailableException("injected fault: the order's silo is unreachable"));

        var pending = await Restaurant(restaurantId).PendingOrders();

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.Get), unreachable));
        Assert.Equal(listed, Assert.Single(pending).OrderId);
    }

    [Fact]
    public async Task Pending_orders_are_stored_apart_so_the_restaurant_state_does_not_grow_with_them_and_they_outlive_the_activation()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var pizza = await shop.Product(restaurantId, stock: 20);
        var first = await shop.Order(Unique.Id("customer"), pizza);
        await Eventually.Until(() => Restaurant(restaurantId).PendingOrders(), pending => pending.Length == 1);
        var stateWithOne = await GrainStateTable.PayloadSize(fixture.Cluster.Options.ServiceId, RestaurantGrain.StateName, restaurantId);

        var more = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => shop.Order(Unique.Id("customer"), pizza)));
        await Eventually.Until(() => Restaurant(restaurantId).PendingOrders(), pending => pending.Length == 11);
        Assert.Equal(stateWithOne, await GrainStateTable.PayloadSize(fixture.Cluster.Options.ServiceId, RestaurantGrain.StateName, restaurantId));

        await Restaurant(restaurantId).AcceptOrder(first);
        // Sent off by hand until seen gone: the acceptance's own event, delivered to it on its
        // stream, may bring it back meanwhile, where Orleans' collection would find it busy.
        await Eventually.Until(
            async () =>
            {
                await Restaurant(restaurantId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
                return await fixture.Cluster.ActiveGrains();
            },
            active => !active.Contains(Restaurant(restaurantId).GetGrainId()));
        var reloaded = await Restaurant(restaurantId).PendingOrders();

        Assert.Equal(more.Order(), reloaded.Select(order => order.OrderId).Order());
    }

    [Fact]
    public async Task An_order_in_the_kitchen_with_no_timer_is_readied_after_the_restaurant_activates_again()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: false, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        await shop.Reaches(orderId, OrderStatus.Paid);
        await Eventually.Until(() => Restaurant(restaurantId).PendingOrders(), found => found.Any(order => order.OrderId == orderId));
        // The state a silo leaves when it dies between the kitchen's write and its timer: the order
        // in the kitchen, no timer, and the restaurant's activation gone.
        await RewriteKitchen(restaurantId, (kitchen, settings) => kitchen.Add(orderId, settings, DateTimeOffset.UtcNow));

        // Accepted behind the restaurant's back: its OrderAccepted finds the order in the kitchen already.
        Assert.False((await Order(orderId).Accept(restaurantId, zone)).IsRefused);

        await shop.Reaches(orderId, OrderStatus.Ready);
    }

    [Fact]
    public async Task An_order_that_cannot_be_marked_ready_does_not_hold_back_the_rest_of_the_kitchen()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false, prepTime: TimeSpan.Zero);
        var pizza = await shop.Product(restaurantId, stock: 5);
        // An order whose grain cannot activate (its stored state is unreadable) cooks in the kitchen.
        var broken = Order(Unique.Id("order"));
        await GrainStateTable.WriteBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, "order", broken.GetGrainId().ToString(), [0xFF, 0xFF, 0xFF, 0xFF]);
        await RewriteKitchen(restaurantId, (kitchen, settings) => kitchen.Add(broken.GetPrimaryKeyString(), settings, DateTimeOffset.UtcNow));

        var orderId = await shop.Order(Unique.Id("customer"), pizza);
        await shop.Reaches(orderId, OrderStatus.Paid);
        await Restaurant(restaurantId).AcceptOrder(orderId);

        await shop.Reaches(orderId, OrderStatus.Ready);
        var kitchen = await Eventually.Until(() => Restaurant(restaurantId).Kitchen(), tickets => tickets.Length == 1);
        Assert.Equal(broken.GetPrimaryKeyString(), kitchen.Single().OrderId);

        // Out of the kitchen again, so that its tick finds nothing to do and clears its timer
        // instead of failing for the rest of the run.
        await RewriteKitchen(restaurantId, (stuck, settings) => stuck.Remove(broken.GetPrimaryKeyString(), settings, DateTimeOffset.UtcNow));
        await Eventually.Until(() => ReminderTable.For(restaurantId), count => count == 0);
    }

    /// <summary>Changes the stored kitchen with the restaurant's activation gone, as a silo that died mid-way leaves it.</summary>
    private async Task RewriteKitchen(string restaurantId, Func<Kitchen, RestaurantSettings, Kitchen> change)
    {
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var storage = fixture.Cluster.FirstSiloServices().GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        var stored = new GrainState<RestaurantState>();
        var restaurantGrainId = Restaurant(restaurantId).GetGrainId();
        await storage.ReadStateAsync("restaurant", restaurantGrainId, stored);
        var restaurant = stored.State!;
        stored.State = restaurant with { Kitchen = change(restaurant.Kitchen, restaurant.Settings) };
        await storage.WriteStateAsync("restaurant", restaurantGrainId, stored);
    }

    private static EventHeader Header(string orderId, long sequence) =>
        new(Guid.NewGuid(), EventSources.Order(orderId), sequence, DateTimeOffset.UtcNow, TraceParent: null);

    private Task<long> RestaurantWrites(string restaurantId) => GrainStateTable.Version(fixture.Cluster.Options.ServiceId, RestaurantGrain.StateName, restaurantId);

    private IRestaurantGrain Restaurant(string restaurantId) => fixture.Grains.GetGrain<IRestaurantGrain>(restaurantId);

    private async Task<List<string>> PendingIds(string restaurantId) =>
        [.. (await Restaurant(restaurantId).PendingOrders()).Select(order => order.OrderId).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The pending list as stored (the orders that list themselves), without
    /// <see cref="IRestaurantGrain.PendingOrders"/>, which reads each order.
    /// </summary>
    private Task<ImmutableArray<string>> PendingEntries(string restaurantId) =>
        fixture.OnEverySilo<IListedGrains>()[0].In(RestaurantLists.PendingOf(restaurantId));

    private IOrderGrain Order(string orderId) => fixture.Grains.GetGrain<IOrderGrain>(orderId);
}
