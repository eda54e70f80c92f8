using Npgsql;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;

namespace Orders.Tests.Persistence;

/// <summary>Each test starts its own clusters: they stop silos.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task State_survives_stopping_and_starting_every_silo()
    {
        var serviceId = Unique.Id("service");
        var orderId = Unique.Id("order");
        string productId;
        OrderSnapshot placed;
        await using (var before = await OrdersCluster.StartAsync(serviceId: serviceId))
        {
            var shop = new Shop(before.GrainFactory);
            productId = await shop.Product(await shop.Restaurant(), stock: 5);
            placed = (await before.GrainFactory.GetGrain<IOrderGrain>(orderId)
                .Place(new PlaceOrder("alice", [new LineRequest(productId, 2)]))).Value!;
        }

        await using var after = await OrdersCluster.StartAsync(serviceId: serviceId);
        var order = await after.GrainFactory.GetGrain<IOrderGrain>(orderId).Get();
        var stock = await after.GrainFactory.GetGrain<IInventoryGrain>(productId).Get();

        // The order went on to be paid meanwhile; what was acknowledged before the restart is all there.
        Assert.Equal(placed.History.AsEnumerable(), order!.History.Take(placed.History.Length));
        Assert.Equal((5, 2), (stock.OnHand, stock.Reserved));
    }

    [Fact]
    public async Task Ids_that_read_as_the_same_number_are_different_entities()
    {
        var serviceId = Unique.Id("service");
        await using (var before = await OrdersCluster.StartAsync(silos: 1, serviceId: serviceId))
        {
            await before.GrainFactory.GetGrain<IInventoryGrain>("020235").Adjust(7);
            await before.GrainFactory.GetGrain<IInventoryGrain>("20235").Adjust(3);
        }

        await using var after = await OrdersCluster.StartAsync(silos: 1, serviceId: serviceId);
        Assert.Equal(7, (await after.GrainFactory.GetGrain<IInventoryGrain>("020235").Get()).OnHand);
        Assert.Equal(3, (await after.GrainFactory.GetGrain<IInventoryGrain>("20235").Get()).OnHand);
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_and_grains_outlive_the_silo_that_hosted_them()
    {
        await using var cluster = await OrdersCluster.StartAsync(silos: 2);
        Assert.Equal(2, await ActiveMembers(cluster.Options.ClusterId));

        // Twenty grains spread over two silos: the chance that none lives on the stopped one is 2^-19.
        var products = Enumerable.Range(0, 20).Select(_ => Unique.Id("product")).ToList();
        await Task.WhenAll(products.Select((id, index) => cluster.GrainFactory.GetGrain<IInventoryGrain>(id).Adjust(index + 1)));

        await cluster.StopSiloAsync(cluster.SecondarySilos[0]);

        var levels = await Task.WhenAll(products.Select(id => cluster.GrainFactory.GetGrain<IInventoryGrain>(id).Get()));
        Assert.Equal(Enumerable.Range(1, 20), levels.Select(level => level.OnHand));
        Assert.Equal(1, await ActiveMembers(cluster.Options.ClusterId));
    }

    /// <summary>Silos whose membership row says Active (3), as the ADO.NET clustering table records them.</summary>
    private static async Task<long> ActiveMembers(string clusterId)
    {
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand(
            "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Status = 3");
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
