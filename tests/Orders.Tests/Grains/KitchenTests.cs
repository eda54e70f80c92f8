using Orders.Grains.Restaurants;

namespace Orders.Tests.Grains;

public sealed class KitchenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    [Fact]
    public void An_order_that_could_not_be_marked_ready_comes_again_a_period_later_without_holding_back_one_done_sooner()
    {
        var kitchen = new Kitchen { Tickets = [new KitchenTicket("broken", Now), new KitchenTicket("next", Now.AddSeconds(2))] };

        Assert.Equal(Now.AddSeconds(2), kitchen.NextTick(["broken"], Now + Period));
    }

    [Fact]
    public void An_order_that_could_not_be_marked_ready_comes_again_a_period_later_before_one_done_later_still()
    {
        var kitchen = new Kitchen { Tickets = [new KitchenTicket("broken", Now), new KitchenTicket("slow", Now.AddMinutes(10)), new KitchenTicket("queued", null)] };

        Assert.Equal(Now + Period, kitchen.NextTick(["broken"], Now + Period));
        Assert.Equal(Now, kitchen.NextTick([], Now + Period));
        Assert.Null(new Kitchen { Tickets = [new KitchenTicket("queued", null)] }.NextTick([], Now + Period));
    }
}
