using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Lifecycle;

/// <summary>
/// Provider calls that fail: each test on a cluster of its own, because the failures count in
/// the silos' circuit breakers for their sampling window. Beside other tests' calls they could
/// open the circuit (two failures among four calls do), and an open circuit turns the next
/// payments' calls into later attempts.
/// </summary>
public sealed class FailingProviderCallTests : IAsyncLifetime
{
    private readonly SimulatedPaymentLedger ledger = TestPayments.Ledger;
    private TestCluster cluster = null!;
    private Shop shop = null!;

    public async Task InitializeAsync()
    {
        cluster = await OrdersCluster.StartAsync();
        shop = new Shop(cluster.GrainFactory);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task An_order_cancelled_while_its_charge_went_unanswered_is_refunded()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = await shop.Order(Unique.Id("lost-"), pizza);
        await Eventually.Until(() => Task.FromResult(ledger[orderId].Charges), charges => charges == 1);
        // The provider took the money; the order heard only that the call went unanswered.
        await Eventually.Until(cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Payment, payment => payment is { Status: PaymentStatus.Charging, Attempts: >= 1 });

        Assert.False((await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Cancel("changed my mind")).IsRefused);

        var refunded = await shop.Payment(orderId, PaymentStatus.Refunded);
        Assert.NotNull(refunded.RefundReference);
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
    }

    [Fact]
    public async Task Books_out_of_reach_are_the_provider_unavailable_and_retried_not_a_failed_placement()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = Unique.Id("order");
        var bucket = SimulatedPaymentBooks.Of(cluster.GrainFactory, orderId).GetGrainId().Key.ToString()!;
        InjectedFaults.Instance.FailNextCall(nameof(ISimulatedPaymentBooks.Charge), bucket, new SiloUnavailableException("the books' silo is gone"));

        await shop.Order(Unique.Id("customer"), pizza, orderId: orderId);

        Assert.False(InjectedFaults.Instance.CallFailurePending(nameof(ISimulatedPaymentBooks.Charge), bucket));
        Assert.Equal(OrderStatus.Paid, (await shop.Reaches(orderId, OrderStatus.Paid)).Status);
        Assert.Equal(1, ledger[orderId].Charges);
    }

    [Fact]
    public async Task Transient_provider_failures_are_retried_and_charge_once()
    {
        var pizza = await shop.Product(await shop.Restaurant(), stock: 5);
        var orderId = await shop.Order(Unique.Id("flaky"), pizza);

        await shop.Reaches(orderId, OrderStatus.Paid);
        var payment = await shop.Payment(orderId, PaymentStatus.Charged);

        Assert.Equal(3, ledger[orderId].Calls);        // two simulated timeouts, then the answer
        Assert.Equal(1, ledger[orderId].Charges);
        Assert.Equal(1, payment.Attempts);             // the pipeline retried within one attempt
    }
}
