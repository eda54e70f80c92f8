namespace Orders.Grains.Delivery;

/// <summary>
/// A driver's delivery steps, one list entry per step (<see cref="AssignmentStep"/>), kept apart
/// from its state row so that the row does not grow with every delivery.
/// </summary>
public static class DriverLists
{
    public static string StepsOf(string driverId) => $"driver/{driverId}/steps";
}
