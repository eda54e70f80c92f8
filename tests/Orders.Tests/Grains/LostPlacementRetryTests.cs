using Orders.Grains.Customers;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Grains;

/// <summary>
/// A placement lost with its silo after it held its lines and charged, before its one write, was
/// never answered: what it left is kept by the order id. A retry of the same request takes it up;
/// a request of other content under the same id must neither take it as its own nor lose it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LostPlacementRetryTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    private IOrderGrain Order(string orderId) => fixture.Grains.GetGrain<IOrderGrain>(orderId);

    /// <summary>A product of <paramref name="stock"/> units, two of them held and charged by a placement lost before its write, and that placement's request.</summary>
    private async Task<(string Pizza, string OrderId, PlaceOrder Command)> LostPlacementOfTwo(int stock)
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock);
        var orderId = Unique.Id("order");
        var command = Shop.Command(Unique.Id("customer"), (pizza, 2));
        await LostPlacements.Leave(fixture.Cluster, orderId, pizza, 2, command.CustomerId);
        return (pizza, orderId, command);
    }

    [Fact]
    public async Task The_same_request_again_takes_up_the_hold_and_the_charge()
    {
        var (pizza, orderId, command) = await LostPlacementOfTwo(stock: 5);

        var retried = await Order(orderId).Place(command);

        Assert.Equal(OrderStatus.Paid, retried.Value!.Status);
        Assert.Equal((5, 2, 0), await shop.Level(pizza));
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
        Assert.True(await Order(orderId).ClaimsHold(pizza));
    }

    [Fact]
    public async Task The_same_request_takes_up_the_last_units_it_holds_on_a_silo_that_saw_them_run_short()
    {
        var (pizza, orderId, command) = await LostPlacementOfTwo(stock: 2);
        var shortStock = fixture.OnEverySilo<ShortStock>();
        foreach (var silo in shortStock)
            silo.RanShort(pizza);

        var retried = await Order(orderId).Place(command);

        Assert.Equal(OrderStatus.Paid, retried.Value?.Status);
        Assert.Equal((2, 2, 0), await shop.Level(pizza));
        Assert.All(shortStock, silo => Assert.True(silo.Contains(pizza)));       // still short for every other order
    }

    [Fact]
    public async Task Another_quantity_is_refused_storing_nothing_and_the_first_request_still_places()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        var customerId = Unique.Id("customer");
        await LostPlacements.Leave(fixture.Cluster, orderId, pizza, 2, customerId);

        var other = await Order(orderId).Place(Shop.Command(customerId, (pizza, 3)));

        Assert.Equal(RefusalKind.AlreadyExists, other.Refusal?.Kind);
        Assert.Null(await Order(orderId).Get());
        Assert.Equal((5, 2, 0), await shop.Level(pizza));
        var first = await Order(orderId).Place(Shop.Command(customerId, (pizza, 2)));
        Assert.Equal(OrderStatus.Paid, first.Value!.Status);
        Assert.Equal((5, 2, 0), await shop.Level(pizza));
        Assert.Equal((1, 0), (TestPayments.Ledger[orderId].Charges, TestPayments.Ledger[orderId].Refunds));
    }

    [Fact]
    public async Task Another_customer_is_refused_by_the_payment_key_and_pays_nothing()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        await LostPlacements.Leave(fixture.Cluster, orderId, pizza, 2, Unique.Id("customer"));

        var other = await Order(orderId).Place(Shop.Command(Unique.Id("customer"), (pizza, 2)));

        Assert.Equal(RefusalKind.AlreadyExists, other.Refusal?.Kind);
        Assert.Null(await Order(orderId).Get());
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
        Assert.Equal((5, 2, 0), await shop.Level(pizza));
    }

    /// <summary>
    /// A pizza of five, two of them held and charged by a placement lost before its write, and
    /// another product of <paramref name="otherStock"/> beside it that the lost placement did not order.
    /// </summary>
    private async Task<(string Pizza, string Other, string OrderId, string CustomerId)> LostPlacementBeside(int otherStock)
    {
        var restaurantId = await shop.Restaurant();
        var pizza = await shop.Product(restaurantId, stock: 5);
        var other = await shop.Product(restaurantId, stock: otherStock);
        var orderId = Unique.Id("order");
        var customerId = Unique.Id("customer");
        await LostPlacements.Leave(fixture.Cluster, orderId, pizza, 2, customerId);
        return (pizza, other, orderId, customerId);
    }

    [Fact]
    public async Task Another_quantity_gives_back_what_it_held_of_its_other_lines()
    {
        var (pizza, salad, orderId, customerId) = await LostPlacementBeside(otherStock: 1);

        var other = await Order(orderId).Place(Shop.Command(customerId, (pizza, 3), (salad, 1)));

        Assert.Equal(RefusalKind.AlreadyExists, other.Refusal?.Kind);
        Assert.Equal((1, 0, 0), await shop.Level(salad));
        Assert.Equal((5, 2, 0), await shop.Level(pizza));       // still the earlier placement's
    }

    [Fact]
    public async Task Another_quantity_is_still_refused_as_such_when_what_it_held_cannot_be_given_back_now()
    {
        var (pizza, salad, orderId, customerId) = await LostPlacementBeside(otherStock: 1);
        InjectedFaults.Instance.FailNextCall(nameof(IInventoryGrain.Release), salad, new TimeoutException("the stock's silo does not answer"));

        var other = await Order(orderId).Place(Shop.Command(customerId, (pizza, 3), (salad, 1)));

        Assert.Equal(RefusalKind.AlreadyExists, other.Refusal?.Kind);
        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IInventoryGrain.Release), salad));
        Assert.Equal((1, 1, 0), await shop.Level(salad));       // given back once its claim comes due
    }

    [Fact]
    public async Task Another_customer_gives_back_what_it_held_of_its_other_lines()
    {
        var (pizza, salad, orderId, _) = await LostPlacementBeside(otherStock: 1);

        var other = await Order(orderId).Place(Shop.Command(Unique.Id("customer"), (pizza, 2), (salad, 1)));

        Assert.Equal(RefusalKind.AlreadyExists, other.Refusal?.Kind);
        Assert.Equal((1, 0, 0), await shop.Level(salad));
        Assert.Equal((5, 2, 0), await shop.Level(pizza));
    }

    [Fact]
    public async Task One_rejected_for_stock_gives_back_the_earlier_placements_hold_and_charge()
    {
        var (pizza, soldOut, orderId, customerId) = await LostPlacementBeside(otherStock: 0);

        var other = await Order(orderId).Place(Shop.Command(customerId, (pizza, 2), (soldOut, 1)));

        Assert.Equal(RefusalKind.FailedPrecondition, other.Refusal?.Kind);
        Assert.Equal(OrderStatus.Rejected, (await Order(orderId).Get())!.Status);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        Assert.Equal((1, 1), (TestPayments.Ledger[orderId].Charges, TestPayments.Ledger[orderId].Refunds));
    }

    [Fact]
    public async Task One_whose_slow_charge_finds_the_key_taken_after_it_was_stored_is_cancelled_and_that_charge_refunded()
    {
        var (orderId, pizza, customerId, answer) = await PlacedWhileItsChargeGoesToTheTakenKey();

        answer.Release();
        var cancelled = await shop.Reaches(orderId, OrderStatus.Cancelled);

        Assert.Equal(OrderState.KeyTakenReason, cancelled.History[^1].Reason);
        await TheLostPlacementsChargeIsRefundedAndItsHoldGivenBack(orderId, pizza);
        await shop.Payment(orderId, PaymentStatus.Refunded);      // stored, with any notification it files
        await NotToldOfARefund(customerId);
    }

    [Fact]
    public async Task One_cancelled_while_its_slow_charge_is_on_its_way_to_find_the_key_taken_has_that_charge_refunded()
    {
        var (orderId, pizza, customerId, answer) = await PlacedWhileItsChargeGoesToTheTakenKey();

        // The refund waits for the charge call under way, whose answer is that the key is taken.
        var cancelled = await Order(orderId).Cancel("changed my mind");
        answer.Release();

        Assert.Equal(OrderStatus.Cancelled, cancelled.Value!.Status);
        await TheLostPlacementsChargeIsRefundedAndItsHoldGivenBack(orderId, pizza);
        await shop.Payment(orderId, PaymentStatus.Refunded);      // stored, with any notification it files
        await NotToldOfARefund(customerId);
    }

    /// <summary>
    /// A lost placement's hold and charge, then a retry by another customer whose charge's answer is
    /// held back until the test releases it, so the placement stopped waiting and stored the order
    /// PLACED: that answer will be that the key is taken.
    /// </summary>
    private async Task<(string OrderId, string Pizza, string CustomerId, Hold Answer)> PlacedWhileItsChargeGoesToTheTakenKey()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        await LostPlacements.Leave(fixture.Cluster, orderId, pizza, 2);
        var answer = GatedPayments.HoldNextAnswer(orderId);
        var customerId = Unique.Id("customer");
        var placed = await Order(orderId).Place(Shop.Command(customerId, (pizza, 2)));
        Assert.Equal(OrderStatus.Placed, placed.Value!.Status);
        return (orderId, pizza, customerId, answer);
    }

    /// <summary>The retrying customer was never charged: the refund gave back the lost placement's charge, which was not theirs.</summary>
    private async Task NotToldOfARefund(string customerId)
    {
        var inbox = await fixture.Grains.GetGrain<ICustomerGrain>(customerId).Notifications();
        Assert.Contains(inbox, note => note.Kind == NotificationKind.OrderCancelled);
        Assert.DoesNotContain(inbox, note => note.Kind == NotificationKind.Refunded);
    }

    private async Task TheLostPlacementsChargeIsRefundedAndItsHoldGivenBack(string orderId, string pizza)
    {
        await Eventually.Until(() => Task.FromResult(TestPayments.Ledger[orderId]), books => books.Refunds == 1);
        await Eventually.Until(() => shop.Level(pizza), level => level == (5, 0, 0));
        Assert.Equal(1, TestPayments.Ledger[orderId].Charges);
    }
}
