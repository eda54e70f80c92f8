using Orders.Grains.Customers;
using Orders.Grains.Inventory;

namespace Orders.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_reference_names_the_grain_that_GetGrain_names_for_every_key_and_interface()
    {
        var (product, customer) = (Unique.Id("product"), Unique.Id("customer"));

        // The second reference to each interface comes from the resolved types, not the factory.
        foreach (var key in new[] { Unique.Id("warm-up"), product })
            AssertSameGrain(fixture.Grains.GetGrain<IInventoryGrain>(key), fixture.Grains.Reference<IInventoryGrain>(key));
        AssertSameGrain(fixture.Grains.GetGrain<ICustomerGrain>(customer), fixture.Grains.Reference<ICustomerGrain>(customer));

        await fixture.Grains.Reference<IInventoryGrain>(product).Adjust(6);
        Assert.Equal(6, (await fixture.Grains.GetGrain<IInventoryGrain>(product).Get()).OnHand);
    }

    private static void AssertSameGrain<T>(T expected, T actual) where T : IGrainWithStringKey
    {
        var (byFactory, byReference) = ((GrainReference)(object)expected, (GrainReference)(object)actual);
        Assert.Equal(byFactory.GrainId, byReference.GrainId);
        Assert.Equal(byFactory.InterfaceType, byReference.InterfaceType);
    }
}
