using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Lifecycle;

/// <summary>
/// A charge the provider took while its answer never arrived. On a cluster of its own: the lost
/// answers count as failures in the silos' circuit breakers for their sampling window, and
/// would open the circuit for the next test's payments.
/// </summary>
public sealed class LostChargeAnswerTests : IAsyncLifetime
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
        await shop.Payment(orderId, PaymentStatus.Charging);      // the provider took the money; the payment never heard

        Assert.False((await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Cancel("changed my mind")).IsRefused);

        var refunded = await shop.Payment(orderId, PaymentStatus.Refunded);
        Assert.NotNull(refunded.RefundReference);
        Assert.Equal((1, 1), (ledger[orderId].Charges, ledger[orderId].Refunds));
    }
}
