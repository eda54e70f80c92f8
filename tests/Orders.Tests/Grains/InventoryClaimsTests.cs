using Orders.Grains.Inventory;

namespace Orders.Tests.Grains;

/// <summary>
/// Which holds the stock asks their orders about: those come due and not yet settled, up to the
/// time through which every due hold was claimed or given back.
/// </summary>
public sealed class InventoryClaimsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Holds_come_due_in_turn_and_settled_ones_are_not_asked_again()
    {
        var stock = InventoryState.Empty.WithOnHand(10).Hold("early", 1, Noon).Hold("late", 1, Noon.AddMinutes(1));

        Assert.Empty(stock.Unclaimed(Noon.AddSeconds(-1)));
        Assert.Equal([("early", Noon)], stock.Unclaimed(Noon.AddSeconds(30)));
        Assert.Equal(Noon, stock.ClaimsDue);

        var settled = stock.ClaimsSettledThrough(Noon.AddSeconds(30));

        Assert.Empty(settled.Unclaimed(Noon.AddSeconds(59)));
        Assert.Equal(["late"], settled.Unclaimed(Noon.AddMinutes(2)).Select(hold => hold.OrderId));
        Assert.Equal(Noon.AddMinutes(1), settled.ClaimsDue);
        Assert.Equal(stock.Level.Version, settled.Level.Version);
        // The settled time only moves on, and the next change of the counts keeps it.
        Assert.Same(settled, settled.ClaimsSettledThrough(Noon));
        Assert.Equal(Noon.AddSeconds(30), settled.Release("early").Header.ClaimsSettledThrough);
        Assert.Null(settled.ClaimsSettledThrough(Noon.AddMinutes(1)).ClaimsDue);
    }

    [Fact]
    public void The_first_due_claim_is_known_to_a_stock_read_back_and_moves_on_when_its_hold_is_given_back()
    {
        var stock = InventoryState.Empty.WithOnHand(10).Hold("late", 1, Noon.AddMinutes(1)).Hold("early", 1, Noon);

        var readBack = new InventoryState(stock.Header, stock.Holds);
        var released = stock.Release("early");

        Assert.Equal(Noon, readBack.ClaimsDue);
        Assert.Equal(Noon.AddMinutes(1), released.ClaimsDue);
        Assert.Equal(Noon.AddMinutes(1), stock.Commit("early").ClaimsDue);
        Assert.Null(released.Release("late").ClaimsDue);
        Assert.Null(new InventoryState(released.Header, ImmutableDictionary<string, StockHold>.Empty).ClaimsDue);
    }

    [Fact]
    public void Holds_come_due_in_the_order_of_their_times_not_of_their_taking_and_only_those_due_are_settled()
    {
        var stock = InventoryState.Empty.WithOnHand(100);
        // Taken out of order (clocks of different silos), two due at the same tick.
        foreach (var (order, seconds) in new[] { ("c", 30), ("a", 10), ("e", 50), ("b", 20), ("b2", 20), ("d", 40) })
            stock = stock.Hold(order, 1, Noon.AddSeconds(seconds));

        Assert.Equal(["a", "b", "b2", "c"], stock.Unclaimed(Noon.AddSeconds(35)).Select(hold => hold.OrderId));
        var settled = stock.ClaimsSettledThrough(Noon.AddSeconds(20));

        Assert.Equal(["c", "d"], settled.Unclaimed(Noon.AddSeconds(45)).Select(hold => hold.OrderId));
        Assert.Equal(Noon.AddSeconds(30), settled.ClaimsDue);
        Assert.False(settled.AwaitsClaim("b2"));
        Assert.True(settled.AwaitsClaim("c"));
        Assert.False(settled.AwaitsClaim("nobody"));
        // A stock read back knows the same: the settled time is stored with its counts.
        Assert.Equal(["c", "d"], new InventoryState(settled.Header, settled.Holds).Unclaimed(Noon.AddSeconds(45)).Select(hold => hold.OrderId));
    }

    [Fact]
    public void A_hold_read_back_already_settled_awaits_no_claim()
    {
        var holds = ImmutableDictionary<string, StockHold>.Empty
            .Add("settled", new StockHold(1, Noon))
            .Add("open", new StockHold(1, Noon.AddMinutes(1)));
        var stock = new InventoryState(new StockHeader(new StockLevel(10, 2, 0, 1), Noon), holds);

        Assert.Equal(["open"], stock.Unclaimed(Noon.AddHours(1)).Select(hold => hold.OrderId));
        Assert.Equal(Noon.AddMinutes(1), stock.ClaimsDue);
        Assert.False(stock.AwaitsClaim("settled"));
        Assert.Null(stock.Release("open").ClaimsDue);
    }

    [Fact]
    public void A_hold_taken_by_a_clock_behind_the_settled_time_comes_due_after_it()
    {
        var settled = InventoryState.Empty.WithOnHand(10).ClaimsSettledThrough(Noon);

        var held = settled.Hold("behind", 1, Noon.AddSeconds(-5));

        Assert.Equal(Noon.AddTicks(1), held.Holds["behind"].ClaimBy);
        Assert.Equal(["behind"], held.Unclaimed(Noon.AddSeconds(1)).Select(hold => hold.OrderId));
    }
}
