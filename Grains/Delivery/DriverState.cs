namespace Orders.Grains.Delivery;

[GenerateSerializer, Immutable, Alias("orders.DriverState")]
public sealed record DriverState
{
    /// <summary>Null until the driver registers.</summary>
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public bool OnDuty { get; init; }

    /// <summary>
    /// Every assignment, as an earlier version kept it here (with a dedupe mark per order in id 3),
    /// rewritten whole at each delivery step. The steps are a list of their own now (DriverGrain);
    /// what an earlier version left is carried over into it once and cleared.
    /// </summary>
    [Id(2)] public ImmutableArray<Assignment> EarlierAssignments { get; init; } = [];

    [Id(4)] public string Zone { get; init; } = DeliveryZones.Default;

    public DriverDetails Details(string driverId, ImmutableArray<Assignment> assignments) => new(driverId, Name!, Zone, OnDuty, assignments);
}
