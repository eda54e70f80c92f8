namespace Orders.Grains.Delivery;

public static class DeliveryZones
{
    /// <summary>The zone of restaurants and drivers that name none.</summary>
    public const string Default = "default";
}
