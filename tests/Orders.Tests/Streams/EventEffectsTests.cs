using Orders.Grains.Catalog;
using Orders.Grains.Customers;
using Orders.Grains.Events;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Streams;

/// <summary>Events from producers' outboxes to their consumers' effects, each applied once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EventEffectsTests(ClusterFixture fixture)
{
    private readonly IGrainFactory grains = fixture.Grains;
    private readonly Shop shop = new(fixture.Grains);

    [Fact]
    public async Task A_placed_and_then_cancelled_order_notifies_its_customer_once_per_event()
    {
        var customerId = Unique.Id("customer");
        var orderId = Unique.Id("order");
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5, priceMinorUnits: 1250);

        await Order(orderId).Place(new PlaceOrder(customerId, [new LineRequest(pizza, 2)]));
        await Order(orderId).Cancel("changed my mind");

        // Payment runs meanwhile: the order may be paid (and then refunded) before the cancel lands.
        var inbox = (await Eventually.Until(() => Customer(customerId).Notifications(), found => found.Any(n => n.Kind == NotificationKind.OrderCancelled)))
            .Where(notification => notification.Kind is NotificationKind.OrderPlaced or NotificationKind.OrderCancelled).ToList();
        Assert.Equal([NotificationKind.OrderPlaced, NotificationKind.OrderCancelled], inbox.Select(notification => notification.Kind));
        Assert.Equal($"Order {orderId} is placed: 2 item(s), 25.00 EUR.", inbox[0].Message);
        Assert.Equal($"Order {orderId} is cancelled: at the customer's request: changed my mind.", inbox[1].Message);
    }

    [Fact]
    public async Task A_placement_is_in_its_customers_orders_by_the_time_it_answers_and_in_their_inbox_with_its_next_write()
    {
        var customerId = Unique.Id("customer");
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);

        var orderId = await shop.Order(customerId, pizza);

        // No waiting for the list: the order's write lists it, and its notification rides in that write.
        Assert.Contains(orderId, await Customer(customerId).OrderIds());
        await Eventually.Until(() => Customer(customerId).Notifications(),
            found => found.Any(notification => notification.Kind == NotificationKind.OrderPlaced && notification.OrderId == orderId));
    }

    [Fact]
    public async Task Events_left_in_a_stored_outbox_take_effect_when_their_producer_activates()
    {
        // As dev mode's storage keeps an outbox whose events were not yet published when its silo stopped.
        var orderId = Unique.Id("order");
        var customerId = Unique.Id("customer");
        var payment = grains.GetGrain<IPaymentGrain>(orderId);
        var refunded = new PaymentState { Status = PaymentStatus.Refunded, CustomerId = customerId, Amount = new Money(900, "EUR") };
        var left = refunded.WithOutbox(refunded.Outbox.Add(
            EventSources.Payment(orderId), DateTimeOffset.UtcNow, header => new PaymentRefunded(header, orderId, customerId, refunded.Amount, "refund-1")));
        await GrainStateTable.WriteBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, "payment", payment.GetGrainId().ToString(), fixture.Cluster.StateSerializer().SerializeToArray(left));

        await payment.Get();

        var inbox = await Eventually.Until(() => Customer(customerId).Notifications(), found => found.Any(n => n.Kind == NotificationKind.Refunded));
        Assert.Equal(orderId, Assert.Single(inbox).OrderId);
    }

    [Fact]
    public async Task An_order_cancelled_while_its_charge_is_under_way_announces_its_placement_and_then_its_cancellation()
    {
        var customerId = Unique.Id("customer");
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        // The charge's answer held back: the placement stores the order PLACED once it stops waiting.
        var answer = GatedPayments.HoldNextAnswer(orderId);
        await shop.Order(customerId, pizza, orderId: orderId);

        await Order(orderId).Cancel("changed my mind");

        // Both messages in order, and every step in the history.
        var inbox = (await Customer(customerId).Notifications()).Where(notification => notification.OrderId == orderId);
        Assert.Equal([NotificationKind.OrderPlaced, NotificationKind.OrderCancelled], inbox.Select(notification => notification.Kind));
        Assert.Equal([OrderStatus.Pending, OrderStatus.Placed, OrderStatus.Cancelled], (await Order(orderId).Get())!.History.Select(change => change.Status));
        answer.Release();
        await shop.Payment(orderId, PaymentStatus.Refunded);
    }

    [Fact]
    public async Task An_order_priced_before_an_update_takes_the_new_name_but_keeps_its_price()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5, priceMinorUnits: 1000);
        var before = await shop.Order(Unique.Id("customer"), pizza);
        var late = Unique.Id("order");

        // The late order is priced, and held at its reservation (nothing stored yet) while the update runs.
        var reservation = InjectedFaults.Instance.HoldNextCall(nameof(IInventoryGrain.Reserve), pizza);
        var placing = Order(late).Place(new PlaceOrder(Unique.Id("customer"), [new LineRequest(pizza, 1)]));
        try
        {
            await reservation.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            await grains.GetGrain<IProductGrain>(pizza).Update(new ProductInfo("Marinara", "no cheese", new Money(1500, "EUR"), Available: true));
            await Eventually.Until(async () => (await Order(before).Get())!, order => order.Lines[0].Name == "Marinara");
        }
        finally
        {
            reservation.Release();
        }

        // Open once placed, it takes the name from its silo's cache at its next call.
        Assert.False((await placing).IsRefused);
        var caughtUp = await Eventually.Until(async () => (await Order(late).Get())!, order => order.Lines[0].Name == "Marinara");
        Assert.Equal(1000L, caughtUp.Lines[0].UnitPrice.MinorUnits);
    }

    [Fact]
    public async Task A_product_update_refreshes_the_product_cache_on_every_silo()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 0, priceMinorUnits: 1000);
        var caches = fixture.OnEverySilo<ProductCache>();
        foreach (var cache in caches)
            Assert.Equal(1, (await cache.Get(pizza))!.Version);      // each silo now holds version 1

        await grains.GetGrain<IProductGrain>(pizza).Update(new ProductInfo("Diavola", "spicy", new Money(1100, "EUR"), Available: true));

        Assert.Equal(2, caches.Count);
        foreach (var cache in caches)
        {
            var cached = await Eventually.Until(async () => (await cache.Get(pizza))!, details => details.Version == 2);
            Assert.Equal(("Diavola", 1100L), (cached.Info.Name, cached.Info.Price.MinorUnits));
        }
    }

    [Fact]
    public async Task A_product_update_renames_the_lines_of_open_orders_but_keeps_their_price()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5, priceMinorUnits: 1000);
        var open = Unique.Id("order");
        var cancelled = Unique.Id("order");
        await Order(open).Place(new PlaceOrder("alice", [new LineRequest(pizza, 1)]));
        await Order(cancelled).Place(new PlaceOrder("bob", [new LineRequest(pizza, 1)]));
        await Order(cancelled).Cancel("no longer hungry");

        await grains.GetGrain<IProductGrain>(pizza).Update(new ProductInfo("Marinara", "no cheese", new Money(1500, "EUR"), Available: true));

        var renamed = await Eventually.Until(async () => (await Order(open).Get())!, order => order.Lines[0].Name == "Marinara");
        Assert.Equal(new Money(1000, "EUR"), renamed.Lines[0].UnitPrice);
        Assert.Equal($"Pizza {pizza}", (await Order(cancelled).Get())!.Lines[0].Name);
        // The write that ends the open order stores the name it had taken.
        await Order(open).Cancel("no longer hungry");
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal("Marinara", (await Order(open).Get())!.Lines[0].Name);
    }

    [Fact]
    public async Task A_hot_products_open_orders_are_renamed_with_no_write_of_their_own_even_once_out_of_memory()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 50);
        var open = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => shop.Order(Unique.Id("customer"), pizza)));
        await Task.WhenAll(open.Select(orderId => shop.Reaches(orderId, OrderStatus.Paid)));
        var stored = await Task.WhenAll(open.Select(orderId => GrainStateTable.Version(fixture.Cluster.Options.ServiceId, OrderGrain.StateName, orderId)));

        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Empty((await grains.ActiveGrains()).Intersect(open.Select(orderId => Order(orderId).GetGrainId())));
        await grains.GetGrain<IProductGrain>(pizza).Update(new ProductInfo("Marinara", "no cheese", new Money(1500, "EUR"), Available: true));

        foreach (var orderId in open)
            await Eventually.Until(async () => (await Order(orderId).Get())!, order => order.Lines[0].Name == "Marinara");
        Assert.Equal(stored, await Task.WhenAll(open.Select(orderId => GrainStateTable.Version(fixture.Cluster.Options.ServiceId, OrderGrain.StateName, orderId))));
    }

    private IOrderGrain Order(string orderId) => grains.GetGrain<IOrderGrain>(orderId);

    private ICustomerGrain Customer(string customerId) => grains.GetGrain<ICustomerGrain>(customerId);
}
