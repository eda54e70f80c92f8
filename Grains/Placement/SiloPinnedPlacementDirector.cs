using Orleans.Runtime.Placement;

namespace Orders.Grains.Placement;

/// <summary>
/// Puts the activation on the silo its key names. If that silo has left, any silo will do: the
/// grain then serves a silo that no longer exists, which is harmless.
/// </summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var named = SiloAddress.FromParsableString(target.GrainIdentity.Key.ToString()!);
        return Task.FromResult(silos.Contains(named) ? named : silos[Random.Shared.Next(silos.Length)]);
    }
}
