using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

/// <summary>When an order stops waiting, and when its timer wakes it, as the lifecycle's limits say.</summary>
public sealed class OrderDeadlineTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleOptions Defaults = new();

    [Fact]
    public void A_placed_order_waits_the_unpaid_timeout_from_receipt_and_a_paid_one_the_unanswered_timeout_from_payment()
    {
        var placed = Placed();
        var paid = placed.MoveTo(OrderStatus.Paid, Received.AddSeconds(3), "payment ch_1 succeeded");

        Assert.Equal(Received + Defaults.UnpaidTimeout, placed.Deadline(Defaults));
        Assert.Equal(Received.AddSeconds(3) + Defaults.UnansweredTimeout, paid.Deadline(Defaults));
    }

    [Fact]
    public void A_placed_order_wakes_to_ask_for_its_charge_each_retry_delay_from_receipt_and_at_its_deadline_last()
    {
        var placed = Placed();
        var deadline = placed.Deadline(Defaults)!.Value;

        Assert.Equal(Received + Defaults.PaymentRetryDelay, placed.NextWake(Defaults, Received.AddSeconds(2)));
        Assert.Equal(Received + 2 * Defaults.PaymentRetryDelay, placed.NextWake(Defaults, Received + Defaults.PaymentRetryDelay));
        Assert.Equal(deadline, placed.NextWake(Defaults, deadline.AddSeconds(-1)));
    }

    [Fact]
    public void An_ended_order_wakes_to_give_its_stock_back_until_it_has()
    {
        var ended = Placed()
            .MoveTo(OrderStatus.PaymentFailed, Received.AddSeconds(5), "payment failed: card declined");
        var now = Received.AddSeconds(6);

        Assert.False(ended.StockSettled);
        Assert.Equal(Received.AddSeconds(5) + Defaults.PaymentRetryDelay, ended.NextWake(Defaults, now));
        Assert.Null((ended with { StockSettled = true }).NextWake(Defaults, now));
    }

    [Fact]
    public void An_order_ended_after_its_stock_was_sold_owes_the_stock_nothing_more()
    {
        var paid = Placed().MoveTo(OrderStatus.Paid, Received.AddSeconds(2), "payment ch_1 succeeded");
        var accepted = paid.MoveTo(OrderStatus.Accepted, Received.AddSeconds(3), "accepted by the restaurant");
        var sold = accepted with { StockSettled = true };

        Assert.False(paid.MoveTo(OrderStatus.Cancelled, Received.AddSeconds(4), "at the customer's request").StockSettled);
        Assert.False(accepted.MoveTo(OrderStatus.Cancelled, Received.AddSeconds(4), "no driver was found in time").StockSettled);
        Assert.True(sold.MoveTo(OrderStatus.Cancelled, Received.AddSeconds(4), "no driver was found in time").StockSettled);
        Assert.Null(sold.MoveTo(OrderStatus.Cancelled, Received.AddSeconds(4), "no driver was found in time").NextWake(Defaults, Received.AddSeconds(5)));
    }

    [Fact]
    public void An_order_without_a_driver_wakes_to_ask_dispatch_each_driver_check_and_with_one_no_more()
    {
        var accepted = Placed().MoveTo(OrderStatus.Paid, Received.AddSeconds(2), "payment ch_1 succeeded")
            .MoveTo(OrderStatus.Accepted, Received.AddSeconds(3), "accepted by the restaurant");
        var ready = accepted.MoveTo(OrderStatus.Ready, Received.AddMinutes(1), "the kitchen is done");
        var firstAsk = Received.AddSeconds(3) + Defaults.DriverCheck;

        Assert.Equal(firstAsk, accepted.NextWake(Defaults, Received.AddSeconds(4)));
        Assert.Equal(firstAsk + Defaults.DriverCheck, ready.NextWake(Defaults, firstAsk));
        Assert.False(ready.DriverCheckDue(Defaults, firstAsk.AddSeconds(-1)));
        Assert.True(ready.DriverCheckDue(Defaults, firstAsk));
        Assert.False((ready with { DriverId = "d1" }).DriverCheckDue(Defaults, firstAsk));
        Assert.Null((ready with { DriverId = "d1" }).NextWake(Defaults, firstAsk));
        // An accepted order with its driver still asks its kitchen, on the kitchen's beat.
        Assert.Equal(Received.AddSeconds(3) + Defaults.KitchenCheck, (accepted with { DriverId = "d1" }).NextWake(Defaults, Received.AddSeconds(4)));
    }

    private static OrderState Placed() =>
        new OrderState { Request = new PlaceOrder(Unique.Id("customer"), []) }
            .MoveTo(OrderStatus.Pending, Received, "order received")
            .MoveTo(OrderStatus.Placed, Received.AddSeconds(1), "all lines reserved");
}
