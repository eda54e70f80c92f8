namespace Orders.Grains.Placement;

/// <summary>Places a grain on the silo whose address is the grain's key.</summary>
[GenerateSerializer, Immutable, Alias("orders.SiloPinnedPlacement")]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    public static readonly SiloPinnedPlacement Instance = new();

    public static string KeyFor(SiloAddress silo) => silo.ToParsableString();
}
