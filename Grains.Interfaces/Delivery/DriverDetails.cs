namespace Orders.Grains.Delivery;

[GenerateSerializer, Immutable, Alias("orders.DriverDetails")]
public sealed record DriverDetails(
    [property: Id(0)] string DriverId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Zone,
    [property: Id(3)] bool OnDuty,
    [property: Id(4)] ImmutableArray<Assignment> Assignments);
