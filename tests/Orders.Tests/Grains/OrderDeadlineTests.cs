using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

/// <summary>When an order stops waiting, and when its timer wakes it, as the lifecycle's limits say.</summary>
public sealed class OrderDeadlineTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleOptions Defaults = new();

    [Fact]
    public void A_pending_order_waits_the_placement_timeout_and_a_placed_one_the_unpaid_timeout_both_from_receipt()
    {
        var pending = Pending();
        var placed = pending.MoveTo(OrderStatus.Placed, Received.AddSeconds(2), "all lines reserved");

        Assert.Equal(Received + Defaults.PlacementTimeout, pending.Deadline(Defaults));
        Assert.Equal(Received + Defaults.UnpaidTimeout, placed.Deadline(Defaults));
    }

    [Fact]
    public void Placing_an_order_moves_no_timer_under_the_default_limits()
    {
        var now = Received.AddSeconds(2);
        var pending = Pending();
        var placed = pending.MoveTo(OrderStatus.Placed, now, "all lines reserved");

        Assert.Equal(pending.Wake(Defaults, now), placed.Wake(Defaults, now));
    }

    [Fact]
    public void An_ended_order_wakes_to_give_its_stock_back_until_it_has()
    {
        var ended = Pending()
            .MoveTo(OrderStatus.Placed, Received.AddSeconds(1), "all lines reserved")
            .MoveTo(OrderStatus.PaymentFailed, Received.AddSeconds(5), "payment failed: card declined");
        var now = Received.AddSeconds(6);

        Assert.False(ended.StockSettled);
        Assert.Equal(Received.AddSeconds(5) + Defaults.PaymentRetryDelay, ended.Wake(Defaults, now));
        Assert.Null((ended with { StockSettled = true }).Wake(Defaults, now));
    }

    private static OrderState Pending() =>
        new OrderState { Request = new PlaceOrder(Unique.Id("customer"), []) }.MoveTo(OrderStatus.Pending, Received, "order received");
}
