using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Orders.Grains.Customers;
using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Lifecycle;

/// <summary>Payment outcomes and what follows from them: the order's status, its stock, charges and refunds.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PaymentPathTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);
    private readonly SimulatedPaymentLedger ledger = TestPayments.Ledger;

    [Fact]
    public async Task A_declined_payment_fails_the_order_and_releases_its_stock()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var customerId = Unique.Id("declined");
        var orderId = await shop.Order(customerId, pizza, quantity: 2);

        var failed = await shop.Reaches(orderId, OrderStatus.PaymentFailed);
        var payment = await shop.Payment(orderId, PaymentStatus.Declined);

        var stored = await fixture.Cluster.StoredOrder(orderId);

        Assert.Equal(OrderState.DeclinedReason, failed.History[^1].Reason);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        Assert.True(stored.StockSettled);
        Assert.Null(stored.WakeAt);         // its stock given back, nothing is left to wake it for
        Assert.Equal("card declined", payment.DeclineReason);
        Assert.Equal(0, ledger[orderId].Charges);
        await Inbox(customerId, NotificationKind.OrderPlaced, NotificationKind.PaymentFailed);
    }

    [Fact]
    public async Task An_order_paid_at_once_keeps_the_charge_in_its_own_write_and_never_activates_its_payment()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = await shop.Order(Unique.Id("customer"), pizza);

        var paid = await shop.Reaches(orderId, OrderStatus.Paid);
        var payment = await shop.Payment(orderId, PaymentStatus.Charged);

        Assert.Equal(OrderState.PaidReason, paid.History[^1].Reason);
        Assert.DoesNotContain(paid.History, change => change.Reason.Contains(payment.ChargeReference!, StringComparison.Ordinal));
        Assert.Equal((1, 1), (payment.Attempts, ledger[orderId].Charges));
        var stored = await fixture.Cluster.StoredOrder(orderId);
        Assert.Equal(payment, stored.Payment);
        Assert.False(await GrainStateTable.IsStored(fixture.Cluster.Options.ServiceId, "payment", orderId));
        var paymentGrain = fixture.Grains.GetGrain<IPaymentGrain>(orderId).GetGrainId();
        Assert.DoesNotContain(paymentGrain, await fixture.Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(paymentGrain.Type));
    }

    [Fact]
    public async Task A_paid_orders_later_cancellation_is_refunded_by_its_payment_and_recorded_in_the_order()
    {
        var (orderId, _, _) = await shop.PaidOrderAwaitingTheRestaurant();

        await fixture.Grains.GetGrain<IOrderGrain>(orderId).Cancel("changed my mind");
        var refunded = await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.NotNull(refunded.RefundReference);
        Assert.NotNull(refunded.ChargeReference);
        Assert.Equal(2, refunded.Attempts);                 // one charge call, one refund call
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
        Assert.Equal(refunded, (await shop.PaymentGrainRecord(orderId, PaymentStatus.Refunded)) with
        {
            ChargeReference = refunded.ChargeReference, Attempts = refunded.Attempts,
        });
    }

    [Fact]
    public async Task An_order_whose_charge_answer_was_lost_asks_again_on_its_timer_and_is_charged_once()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        InjectedFaults.Instance.FailNextCall(nameof(IOrderGrain.PaymentSettled), orderId);

        // A slow bank: its answer comes after the placement stopped waiting, as a call, which is lost.
        await shop.Order(Unique.Id("slow-customer"), pizza, orderId: orderId);
        await shop.Reaches(orderId, OrderStatus.Paid);

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IOrderGrain.PaymentSettled), orderId));
        Assert.Equal(1, ledger[orderId].Charges);
        Assert.Equal(2, ledger[orderId].Calls);             // the lost answer's call, and the timer's
        Assert.Equal(1, (await shop.Payment(orderId, PaymentStatus.Charged)).Attempts);
    }

    [Fact]
    public async Task A_refund_asked_again_refunds_once_and_tells_the_customer_once()
    {
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        var customerId = Unique.Id("customer");
        var orderId = await shop.Order(customerId, await shop.Product(restaurantId, stock: 5));
        var charged = await shop.Payment(orderId, PaymentStatus.Charged);
        await fixture.Grains.GetGrain<IOrderGrain>(orderId).Cancel("changed my mind");
        var refunded = await shop.PaymentGrainRecord(orderId, PaymentStatus.Refunded);

        // The order's ask again, as its timer repeats it when the answer was lost; the read behind
        // it is taken after it.
        var payment = fixture.Grains.GetGrain<IPaymentGrain>(orderId);
        await payment.Refund(customerId, charged.Amount, charged.ChargeReference);
        var after = await payment.Get();

        Assert.Equal(refunded, after);
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
        Assert.Equal(1, refunded.Attempts);                 // its refund call (the order made the charge)
        var inbox = await Eventually.Until(() => fixture.Grains.GetGrain<ICustomerGrain>(customerId).Notifications(),
            found => found.Any(notification => notification.Kind == NotificationKind.Refunded));
        Assert.Single(inbox, notification => notification.Kind == NotificationKind.Refunded);
    }

    [Fact]
    public async Task A_cancel_while_the_charge_is_under_way_ends_in_one_charge_and_one_refund()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        // The provider has taken the money and its answer is held back: the order is stored PLACED.
        var answer = GatedPayments.HoldNextAnswer(orderId);
        await shop.Order(Unique.Id("customer"), pizza, quantity: 3, orderId: orderId);

        var cancelled = await fixture.Grains.GetGrain<IOrderGrain>(orderId).Cancel("changed my mind");
        answer.Release();
        var refunded = await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.Equal(OrderStatus.Cancelled, cancelled.Value!.Status);
        Assert.Equal((5, 0, 0), await shop.Level(pizza));
        Assert.NotNull(refunded.RefundReference);
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
        Assert.Equal(OrderStatus.Cancelled, (await shop.Reaches(orderId, OrderStatus.Cancelled)).Status);
    }

    [Fact]
    public async Task The_circuit_opens_while_the_provider_is_down_and_closes_after_with_one_charge_per_order()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 20);
        ledger.Outage = true;
        List<string> orders;
        try
        {
            orders = [.. await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => shop.Order(Unique.Id("customer"), pizza)))];
            await Eventually.Until(() => Task.FromResult(Circuits()), circuits => circuits.Contains(CircuitState.Open));
            Assert.All(orders, orderId => Assert.Equal(0, ledger[orderId].Charges));
        }
        finally
        {
            ledger.Outage = false;
        }

        await Task.WhenAll(orders.Select(orderId => shop.Reaches(orderId, OrderStatus.Paid)));
        Assert.All(orders, orderId => Assert.Equal(1, ledger[orderId].Charges));
        // The payments that tried before the circuit opened met the outage; the open circuit held
        // back the rest, which then made one call each (on a cold cluster, often two of the six).
        Assert.Contains(orders, orderId => ledger[orderId].Calls > 1);
        await Eventually.Until(() => Task.FromResult(Circuits()), circuits => circuits.All(state => state == CircuitState.Closed));
    }

    [Fact]
    public async Task An_order_cancelled_before_its_charge_was_taken_voids_the_key_so_no_charge_follows()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        ledger.Outage = true;
        string orderId;
        try
        {
            orderId = await shop.Order(Unique.Id("customer"), pizza);
            var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
            await Eventually.Until(order.Payment, payment => payment?.Attempts >= 1);     // a charge call went unanswered
            Assert.False((await order.Cancel("changed my mind")).IsRefused);
            // Down until the refund is asked (the order asks once its charge call is over), so no
            // charge call can come after the outage.
            await shop.PaymentGrainRecord(orderId, PaymentStatus.Refunding);
        }
        finally
        {
            ledger.Outage = false;
        }

        await shop.Payment(orderId, PaymentStatus.Voided);
        Assert.Equal((0, 0), (ledger[orderId].Charges, ledger[orderId].Refunds));
        Assert.Equal("voided before it was charged", ledger[orderId].Result?.DeclineReason);
        await CircuitsClosedAgain();
    }

    [Fact]
    public async Task A_charge_taken_whose_write_was_lost_is_refunded_when_the_refund_is_asked()
    {
        // The provider charged and the order's silo died before the answer reached it: the order
        // asks for the refund with no charge reference.
        var (orderId, customerId, amount) = (Unique.Id("order"), Unique.Id("customer"), new Money(900, "EUR"));
        var provider = fixture.Cluster.FirstSiloServices().GetRequiredService<PaymentGateway>();
        Assert.NotNull((await provider.Charge(orderId, customerId, amount)).Result?.Reference);

        await fixture.Grains.GetGrain<IPaymentGrain>(orderId).Refund(customerId, amount, chargeReference: null);
        var refunded = await shop.PaymentGrainRecord(orderId, PaymentStatus.Refunded);

        Assert.NotNull(refunded.RefundReference);
        Assert.Equal(amount, refunded.Amount);
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
        // The refund reaches the customer it was charged to.
        await Eventually.Until(() => fixture.Grains.GetGrain<ICustomerGrain>(customerId).Notifications(),
            inbox => inbox.Any(notification => notification.Kind == NotificationKind.Refunded));
    }

    [Fact]
    public async Task A_provider_answering_nothing_charged_for_a_confirmed_charge_is_not_taken_as_a_settled_refund()
    {
        // The order heard the charge confirmed; the provider's books have no charge under the key.
        var (orderId, customerId) = (Unique.Id("order"), Unique.Id("customer"));
        var payment = fixture.Grains.GetGrain<IPaymentGrain>(orderId);

        await payment.Refund(customerId, new Money(900, "EUR"), chargeReference: "ch_confirmed");
        await Eventually.Until(() => Task.FromResult(ledger[orderId].Calls), calls => calls >= 1);

        // Asked after the refund's turn, which met the answer: nothing settled is stored.
        Assert.Null(await payment.Get());
    }

    [Fact]
    public async Task A_refund_ask_lost_with_a_silo_is_asked_again_on_the_orders_timer()
    {
        var (orderId, _, _) = await shop.PaidOrderAwaitingTheRestaurant();
        InjectedFaults.Instance.FailNextCall(nameof(IPaymentGrain.Refund), orderId);

        await fixture.Grains.GetGrain<IOrderGrain>(orderId).Cancel("changed my mind");
        var refunded = await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(IPaymentGrain.Refund), orderId));
        Assert.NotNull(refunded.RefundReference);
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
        // Told of the refund, the order stops asking: it stores nothing owed and no time to wake.
        var stored = await Eventually.Until(() => fixture.Cluster.StoredOrder(orderId), state => !state.RefundPending);
        Assert.Null(stored.WakeAt);
    }

    [Fact]
    public async Task An_ended_order_owed_a_refund_with_no_timer_asks_for_it_when_it_activates()
    {
        // Charged, then ended, and the refund's ask lost with its silo before a wake time was stored.
        var (orderId, customerId, amount) = (Unique.Id("order"), Unique.Id("customer"), new Money(900, "EUR"));
        var provider = fixture.Cluster.FirstSiloServices().GetRequiredService<PaymentGateway>();
        Assert.NotNull((await provider.Charge(orderId, customerId, amount)).Result?.Reference);
        var now = DateTimeOffset.UtcNow;
        var ended = new OrderState { Request = new PlaceOrder(customerId, []), Total = amount }
            .MoveTo(OrderStatus.Placed, now, "all lines reserved")
            .MoveTo(OrderStatus.Cancelled, now, "changed my mind") with { RefundPending = true };
        var order = fixture.Grains.GetGrain<IOrderGrain>(orderId);
        await GrainStateTable.WriteBehindTheGrainsBack(
            fixture.Cluster.Options.ServiceId, "order", order.GetGrainId().ToString(), fixture.Cluster.StateSerializer().SerializeToArray(ended));

        Assert.Equal(OrderStatus.Cancelled, (await order.Get())!.Status);
        var refunded = await shop.Payment(orderId, PaymentStatus.Refunded);

        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
        Assert.Equal(amount, refunded.Amount);
    }

    [Fact]
    public async Task A_payment_left_owing_a_refund_with_no_timer_sets_one_when_it_activates()
    {
        // The state a silo leaves when it dies between the payment's write and its retry timer,
        // after the provider could not take the refund.
        var (orderId, customerId, amount) = (Unique.Id("order"), Unique.Id("customer"), new Money(900, "EUR"));
        var provider = fixture.Cluster.FirstSiloServices().GetRequiredService<PaymentGateway>();
        Assert.NotNull((await provider.Charge(orderId, customerId, amount)).Result?.Reference);
        var payment = fixture.Grains.GetGrain<IPaymentGrain>(orderId);
        var owed = new PaymentState { Status = PaymentStatus.Refunding, CustomerId = customerId, Amount = amount, Attempts = 1 };
        await GrainStateTable.WriteBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, "payment", payment.GetGrainId().ToString(), fixture.Cluster.StateSerializer().SerializeToArray(owed));

        var refunded = await shop.PaymentGrainRecord(orderId, PaymentStatus.Refunded);

        Assert.Equal(2, refunded.Attempts);
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
    }

    [Fact]
    public async Task A_charge_reference_a_repeated_ask_brings_is_kept_though_the_provider_then_answers_nothing_charged()
    {
        // Owed since an ask without a reference (the charge was still on its way); nothing is
        // charged under the key, which for a charge the order has since heard confirmed is a fault.
        var (orderId, customerId, amount) = (Unique.Id("order"), Unique.Id("customer"), new Money(900, "EUR"));
        var payment = fixture.Grains.GetGrain<IPaymentGrain>(orderId);
        var owed = new PaymentState { Status = PaymentStatus.Refunding, CustomerId = customerId, Amount = amount, Attempts = 1 };
        await GrainStateTable.WriteBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, "payment", payment.GetGrainId().ToString(), fixture.Cluster.StateSerializer().SerializeToArray(owed));

        await payment.Refund(customerId, amount, chargeReference: "ch_confirmed");
        await Eventually.Until(() => Task.FromResult(ledger[orderId].Calls), calls => calls >= 1);

        // Asked after the refund's turn, which met the answer: kept, the reference has the next
        // try meet the same answer as a fault again, never as a refund settled.
        var kept = await payment.Get();
        Assert.Equal((PaymentStatus.Refunding, "ch_confirmed"), (kept!.Status, kept.ChargeReference));
    }

    private List<CircuitState> Circuits() =>
        [.. fixture.OnEverySilo<PaymentGateway>().Select(gateway => gateway.Circuit)];

    /// <summary>
    /// Waits until every silo's circuit is closed again, trying an open one with a throwaway charge:
    /// an order's charge and its refund may run on different silos, so the test's own calls need
    /// not reach the silo whose circuit opened, and left open it would turn the next test's first
    /// charge there into a later attempt.
    /// </summary>
    private async Task CircuitsClosedAgain()
    {
        foreach (var gateway in fixture.OnEverySilo<PaymentGateway>())
        {
            await Eventually.Until(async () =>
            {
                if (gateway.Circuit != CircuitState.Closed)
                    await gateway.Charge(Unique.Id("probe"), Unique.Id("customer"), new Money(100, "EUR"));
                return gateway.Circuit;
            }, state => state == CircuitState.Closed);
        }
    }

    private async Task Inbox(string customerId, params NotificationKind[] kinds) =>
        await Eventually.Until(() => fixture.Grains.GetGrain<ICustomerGrain>(customerId).Notifications(),
            inbox => inbox.Select(notification => notification.Kind).SequenceEqual(kinds));
}
