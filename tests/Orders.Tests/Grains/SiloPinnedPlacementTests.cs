using System.Net;
using Orders.Grains.Placement;
using Orleans.Runtime.Placement;

namespace Orders.Tests.Grains;

/// <summary>A silo's cache grain lives on that silo or nowhere.</summary>
public sealed class SiloPinnedPlacementTests
{
    private static readonly SiloAddress Named = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress Other = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);

    private static readonly PlacementTarget CacheOfNamed =
        new(GrainId.Create("silo-cache", SiloPinnedPlacement.KeyFor(Named)), requestContextData: [], interfaceType: default, interfaceVersion: 0);

    [Fact]
    public async Task A_grain_is_placed_on_the_silo_its_key_names()
    {
        var placed = await new SiloPinnedPlacementDirector().OnAddActivation(SiloPinnedPlacement.Instance, CacheOfNamed, new Silos(Other, Named));

        Assert.Equal(Named, placed);
    }

    [Fact]
    public async Task A_grain_whose_silo_cannot_take_it_yet_is_placed_nowhere_else()
    {
        await Assert.ThrowsAsync<OrleansException>(() =>
            new SiloPinnedPlacementDirector().OnAddActivation(SiloPinnedPlacement.Instance, CacheOfNamed, new Silos(Other)));
    }

    /// <summary>A cluster whose silos a grain may be placed on are <paramref name="compatible"/>.</summary>
    private sealed class Silos(params SiloAddress[] compatible) : IPlacementContext
    {
        public SiloAddress LocalSilo => compatible[0];

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => compatible;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
            new Dictionary<ushort, SiloAddress[]> { [0] = compatible };
    }
}
