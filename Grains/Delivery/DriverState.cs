namespace Orders.Grains.Delivery;

[GenerateSerializer, Immutable, Alias("orders.DriverState")]
public sealed record DriverState
{
    /// <summary>Null until the driver registers.</summary>
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public bool OnDuty { get; init; }

    [Id(2)] public string Zone { get; init; } = DeliveryZones.Default;

    public DriverDetails Details(string driverId, ImmutableArray<Assignment> assignments) => new(driverId, Name!, Zone, OnDuty, assignments);
}
