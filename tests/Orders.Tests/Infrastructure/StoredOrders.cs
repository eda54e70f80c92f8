using Orders.Grains.Orders;

namespace Orders.Tests.Infrastructure;

public static class StoredOrders
{
    /// <summary>An order's state as its last write stored it, read from the table rather than asked of the grain.</summary>
    public static async Task<OrderState> StoredOrder(this TestCluster cluster, string orderId) =>
        cluster.StateSerializer().Deserialize<OrderState>(await GrainStateTable.Payload(cluster.Options.ServiceId, OrderGrain.StateName, orderId))!;
}
