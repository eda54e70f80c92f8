namespace Orders.Grains.Delivery;

/// <summary>One step of a driver's delivery of one order, as the driver's list stores it: a row per step.</summary>
[GenerateSerializer, Immutable, Alias("orders.AssignmentStep")]
public sealed record AssignmentStep(
    [property: Id(0)] string OrderId,
    [property: Id(1)] DeliveryStatus Status,
    [property: Id(2)] DateTimeOffset At)
{
    /// <summary>
    /// The assignments the steps come to, in the order they were given: the first step of an
    /// order assigns it, later ones move it on. A step older than what an assignment already
    /// shows changes nothing (an event delivered again after an upgrade whose marks are gone).
    /// </summary>
    public static ImmutableArray<Assignment> Fold(IEnumerable<AssignmentStep> steps)
    {
        var assignments = new List<Assignment>();
        foreach (var step in steps)
        {
            var index = assignments.FindIndex(assignment => assignment.OrderId == step.OrderId);
            if (index < 0)
                assignments.Add(new Assignment(step.OrderId, step.Status, step.At, step.At));
            else if (step.At >= assignments[index].UpdatedAt)
                assignments[index] = assignments[index] with { Status = step.Status, UpdatedAt = step.At };
        }
        return [.. assignments];
    }
}
