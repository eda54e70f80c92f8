using Orders.Grains.Inventory;
using Orleans.Storage;

namespace Orders.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class InventoryGrainTests(ClusterFixture fixture)
{
    private IInventoryGrain Stock() => fixture.Grains.GetGrain<IInventoryGrain>(Unique.Id("product"));

    [Fact]
    public async Task Adjust_adds_and_removes_stock_and_bumps_the_version()
    {
        var stock = Stock();
        await stock.Adjust(10);
        var level = (await stock.Adjust(-3)).Value!;

        Assert.Equal(new StockLevel(OnHand: 7, Reserved: 0, Sold: 0, Version: 2), level);
        Assert.Equal(7, level.Available);
    }

    [Fact]
    public async Task Adjust_below_what_is_reserved_is_refused_and_changes_nothing()
    {
        var stock = Stock();
        await stock.Adjust(5);
        await stock.Reserve("order-1", 4);

        var result = await stock.Adjust(-2);

        Assert.Equal(RefusalKind.FailedPrecondition, result.Refusal!.Kind);
        Assert.Equal(new StockLevel(5, 4, 0, 2), await stock.Get());
    }

    [Fact]
    public async Task SetOnHand_checks_the_expected_version()
    {
        var stock = Stock();
        var first = (await stock.SetOnHand(8, expectedVersion: 0)).Value!;

        var stale = await stock.SetOnHand(3, expectedVersion: 0);
        var current = await stock.SetOnHand(3, expectedVersion: first.Version);

        Assert.Equal(RefusalKind.Conflict, stale.Refusal!.Kind);
        Assert.Equal(3, current.Value!.OnHand);
    }

    [Fact]
    public async Task Reserve_is_idempotent_per_order()
    {
        var stock = Stock();
        await stock.Adjust(10);

        var first = await stock.Reserve("order-1", 4);
        var retry = await stock.Reserve("order-1", 4);

        Assert.Equal(Reservation.Held(4), first);
        Assert.Equal(Reservation.HeldBefore(4), retry);
        Assert.Equal(4, (await stock.Get()).Reserved);
    }

    [Fact]
    public async Task A_reserve_of_another_quantity_under_a_held_order_is_refused_and_keeps_the_hold()
    {
        var stock = Stock();
        await stock.Adjust(10);
        await stock.Reserve("order-1", 4);

        var other = await stock.Reserve("order-1", 6);

        Assert.Equal(Reservation.HeldOtherwise(4), other);
        Assert.True(other.IsHeldOtherwise);
        Assert.Equal(4, (await stock.Get()).Reserved);
    }

    [Fact]
    public async Task Reserve_more_than_available_is_short_and_holds_nothing()
    {
        var stock = Stock();
        await stock.Adjust(3);

        var result = await stock.Reserve("order-1", 4);

        Assert.Equal(Reservation.Short(3), result);
        Assert.Equal(0, (await stock.Get()).Reserved);
    }

    [Fact]
    public async Task Commit_moves_a_reservation_to_sold_once()
    {
        var stock = Stock();
        await stock.Adjust(10);
        await stock.Reserve("order-1", 4);

        await stock.Commit("order-1");
        await stock.Commit("order-1");
        await stock.Release("order-1");

        var level = await stock.Get();
        Assert.Equal((6, 0, 4, 6), (level.OnHand, level.Reserved, level.Sold, level.Available));
    }

    [Fact]
    public async Task A_commit_of_a_hold_it_never_read_fails_once_another_activation_has_written()
    {
        var productId = Unique.Id("product");
        var stock = fixture.Grains.GetGrain<IInventoryGrain>(productId);
        await stock.Adjust(5);
        // Another activation's write, as one that took an order's hold meanwhile would leave it.
        await LedgerTable.MoveOnBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, $"inventory/{productId}");

        await Assert.ThrowsAsync<InconsistentStateException>(() => stock.Commit("order-1"));
        // The failed write retired the activation: the next one reads what the other wrote.
        await stock.Release("order-1");
    }

    [Fact]
    public async Task A_retried_reservation_fails_once_another_activation_has_written_rather_than_say_it_was_held()
    {
        var productId = Unique.Id("product");
        var stock = fixture.Grains.GetGrain<IInventoryGrain>(productId);
        await stock.Adjust(5);
        await stock.Reserve("order-1", 2);
        // Another activation's write, as one that gave the order's hold back meanwhile would leave it.
        await LedgerTable.MoveOnBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, $"inventory/{productId}");

        await Assert.ThrowsAnyAsync<Exception>(() => stock.Reserve("order-1", 2));
    }

    [Fact]
    public async Task Stock_may_not_grow_so_far_that_the_units_sold_could_pass_their_limit()
    {
        var stock = Stock();
        await stock.Adjust(int.MaxValue - 10);
        await stock.Reserve("order-1", 10);
        await stock.Commit("order-1");

        var past = await stock.Adjust(11);
        var setPast = await stock.SetOnHand(int.MaxValue - 9, expectedVersion: null);

        Assert.Equal((RefusalKind.FailedPrecondition, RefusalKind.FailedPrecondition), (past.Refusal?.Kind, setPast.Refusal?.Kind));
        var level = await stock.Get();
        Assert.Equal((int.MaxValue - 20, 10), (level.OnHand, level.Sold));
        Assert.Equal(int.MaxValue - 10, (await stock.SetOnHand(int.MaxValue - 10, expectedVersion: null)).Value!.OnHand);
    }

    [Fact]
    public async Task Release_gives_stock_back_once_and_ignores_unknown_orders()
    {
        var stock = Stock();
        await stock.Adjust(10);
        await stock.Reserve("order-1", 4);

        await stock.Release("order-1");
        await stock.Release("order-1");
        await stock.Release("never-reserved");

        Assert.Equal(new StockLevel(10, 0, 0, 3), await stock.Get());
    }

    [Fact]
    public async Task Holds_and_counts_outlive_the_activation()
    {
        var stock = Stock();
        await stock.Adjust(10);
        await stock.Reserve("sold", 2);
        await stock.Commit("sold");
        await stock.Reserve("held", 3);
        await stock.Reserve("released", 1);
        await stock.Release("released");
        var before = await stock.Get();

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.DoesNotContain(stock.GetGrainId(), await fixture.Cluster.ActiveGrains());
        var after = await stock.Get();
        var retried = await stock.Reserve("held", 3);
        await stock.Commit("sold");
        await stock.Release("held");

        Assert.Equal(new StockLevel(OnHand: 8, Reserved: 3, Sold: 2, Version: 6), before);
        Assert.Equal(before, after);
        Assert.Equal(Reservation.HeldBefore(3), retried);
        Assert.Equal(new StockLevel(8, 0, 2, 7), await stock.Get());
    }
}
