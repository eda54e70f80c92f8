namespace Orders.Grains.Delivery;

public static class DeliveryZones
{
    /// <summary>The one zone until restaurants and drivers carry their own; DispatchGrain is keyed by zone already.</summary>
    public const string Default = "default";
}
