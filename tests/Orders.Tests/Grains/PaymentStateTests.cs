using Orders.Grains.Payments;

namespace Orders.Tests.Grains;

/// <summary>What an order's asks for its refund make of the payment's record.</summary>
public sealed class PaymentStateTests
{
    private static readonly Money Amount = new(900, "EUR");

    [Fact]
    public void A_refund_asked_before_the_charge_was_confirmed_takes_the_reference_a_later_ask_brings()
    {
        var owed = new PaymentState().OrderEnded("alice", Amount, chargeReference: null);

        var confirmed = owed.OrderEnded("alice", Amount, "ch_1");

        Assert.Equal((PaymentStatus.Refunding, "ch_1"), (confirmed.Status, confirmed.ChargeReference));
    }

    [Fact]
    public void An_ask_repeated_once_the_refund_is_owed_or_made_changes_nothing_else()
    {
        var owed = new PaymentState().OrderEnded("alice", Amount, "ch_1");
        var refunded = owed with { Status = PaymentStatus.Refunded, RefundReference = "re_1" };

        Assert.Same(owed, owed.OrderEnded("bob", new Money(1, "EUR"), "ch_2"));
        Assert.Same(owed, owed.OrderEnded("alice", Amount, chargeReference: null));
        Assert.Same(refunded, refunded.OrderEnded("alice", Amount, "ch_1"));
    }
}
