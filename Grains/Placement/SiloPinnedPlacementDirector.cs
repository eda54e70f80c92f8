using Orleans.Runtime.Placement;

namespace Orders.Grains.Placement;

/// <summary>
/// Puts the activation on the silo its key names, and nowhere else: a silo that has just joined is
/// active before the others know its manifest, and placed elsewhere then, its grain would take that
/// silo's broadcasts for as long as they kept it busy, leaving the new silo's caches to age out
/// after every update. The call fails instead (the broadcast logs it), and the next one finds the
/// silo placeable; a silo that has left is not broadcast to.
/// </summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var named = SiloAddress.FromParsableString(target.GrainIdentity.Key.ToString()!);
        return context.GetCompatibleSilos(target).Contains(named)
            ? Task.FromResult(named)
            : throw new OrleansException($"silo {named} is not one a grain can be placed on now: not known to this silo yet, or gone");
    }
}
