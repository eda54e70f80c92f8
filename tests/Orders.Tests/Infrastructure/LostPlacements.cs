using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Inventory;
using Orders.Grains.Payments;

namespace Orders.Tests.Infrastructure;

/// <summary>What a placement lost with its silo after its reservation and its charge, before its one write, leaves behind.</summary>
public static class LostPlacements
{
    /// <summary>
    /// Holds <paramref name="quantity"/> of <paramref name="productId"/> for <paramref name="orderId"/>
    /// and charges them at 12.50 each at the provider, as the lost placement did.
    /// </summary>
    public static async Task Leave(TestCluster cluster, string orderId, string productId, int quantity = 1, string? customerId = null)
    {
        Assert.True((await cluster.GrainFactory.GetGrain<IInventoryGrain>(productId).Reserve(orderId, quantity)).IsHeld);
        var provider = cluster.FirstSiloServices().GetRequiredService<IPaymentProvider>();
        var charge = await provider.Charge(orderId, customerId ?? Unique.Id("customer"), new Money(1250 * quantity, "EUR"), CancellationToken.None);
        Assert.NotNull(charge.Reference);
    }
}
