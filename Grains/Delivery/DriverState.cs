using Orders.Grains.Events;

namespace Orders.Grains.Delivery;

[GenerateSerializer, Immutable, Alias("orders.DriverState")]
public sealed record DriverState
{
    /// <summary>Null until the driver registers.</summary>
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public bool OnDuty { get; init; }
    [Id(2)] public ImmutableArray<Assignment> Assignments { get; init; } = [];
    [Id(3)] public AppliedEvents Applied { get; init; } = new();
    [Id(4)] public string Zone { get; init; } = DeliveryZones.Default;

    public DriverDetails Details(string driverId) => new(driverId, Name!, Zone, OnDuty, Assignments);

    /// <summary>Records a delivery step: a new assignment, or progress on an existing one.</summary>
    public DriverState Track(DeliveryStatusChanged change)
    {
        var existing = Assignments.FirstOrDefault(assignment => assignment.OrderId == change.OrderId);
        var assignments = existing is null
            ? Assignments.Add(new Assignment(change.OrderId, change.Status, change.Header.At, change.Header.At))
            : Assignments.Replace(existing, existing with { Status = change.Status, UpdatedAt = change.Header.At });
        return this with { Assignments = assignments, Applied = Applied.Add(change.Header) };
    }
}
