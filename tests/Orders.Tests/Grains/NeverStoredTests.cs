using Orleans.Core.Internal;
using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

/// <summary>
/// The gateway vouches that an order whose id it made up was never stored, and the order's first
/// activation then reads nothing (<see cref="NeverStored"/>): the vouch reaches that activation and
/// no grain the order calls, and a wrong one stops at the stored order's hold.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NeverStoredTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    [Fact]
    public async Task A_vouched_placement_is_stored_and_its_vouch_reaches_no_grain_the_order_calls()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var order = fixture.Grains.GetGrain<IOrderGrain>(Unique.Id("order"));

        var placed = await order.PlaceNew(Shop.Command("alice", (pizza, 2)));

        Assert.Equal(OrderStatus.Paid, placed.Value!.Status);
        Assert.Equal(2, (await shop.Stock(pizza).Get()).Reserved);
        Assert.Equal(1, await GrainStateTable.Version(fixture.Cluster.Options.ServiceId, OrderGrain.StateName, order.GetPrimaryKeyString()));
        // The stock's reservation and the order's claim on it went out after the order forgot the vouch.
        var vouching = Assert.Single(VouchWitness.Instance.CallsVouching(order.GetGrainId()));
        Assert.Equal((nameof(IOrderGrain.Place), order.GetGrainId()), vouching);
    }

    [Fact]
    public async Task A_wrong_vouch_meets_the_stored_orders_hold_and_stops_before_charging_or_giving_anything_back()
    {
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var order = fixture.Grains.GetGrain<IOrderGrain>(Unique.Id("order"));
        var command = Shop.Command("alice", (pizza, 2));
        await order.Place(command);
        await order.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        // Unvouched, a retry of the same content answers with the stored order. Vouched, the new
        // activation takes the vouch's word and reads nothing, then finds the order's hold.
        Assert.Equal(OrderStatus.Paid, (await order.Place(command)).Value!.Status);
        await order.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Assert.ThrowsAsync<InvalidOperationException>(() => order.PlaceNew(command));

        Assert.Equal(1, await GrainStateTable.Version(fixture.Cluster.Options.ServiceId, OrderGrain.StateName, order.GetPrimaryKeyString()));
        Assert.Equal(OrderStatus.Paid, (await order.Get())!.Status);
        Assert.Equal(2, (await shop.Stock(pizza).Get()).Reserved);
        Assert.Equal((1, 0), (TestPayments.Ledger[order.GetPrimaryKeyString()].Charges, TestPayments.Ledger[order.GetPrimaryKeyString()].Refunds));
    }

    [Fact]
    public async Task An_activation_that_read_nothing_and_wrote_nothing_leaves_after_its_call()
    {
        var serviceId = fixture.Cluster.Options.ServiceId;
        var restaurant = await shop.Restaurant();
        var pizza = await shop.Product(restaurant, stock: 10);
        var stored = fixture.Grains.GetGrain<IOrderGrain>(Unique.Id("order"));
        await stored.Place(Shop.Command("alice", (pizza, 1)));
        var order = fixture.Grains.GetGrain<IOrderGrain>(Unique.Id("order"));

        var refused = await order.PlaceNew(Shop.Command("alice", (Unique.Id("no-such-product"), 1)));
        // A state stored behind the order's back is seen only by an activation that reads.
        await GrainStateTable.WriteBehindTheGrainsBack(serviceId, OrderGrain.StateName, order.GetGrainId().ToString(),
            await GrainStateTable.Payload(serviceId, OrderGrain.StateName, stored.GetPrimaryKeyString()));

        Assert.True(refused.IsRefused);
        Assert.NotNull(await order.Get());
    }
}
