namespace Orders.Grains.Delivery;

/// <summary>
/// A driver's assignments as its steps come to, kept in memory by the driver's activation: the
/// first step of an order assigns it, later ones move it on. Steps are ranked by status, not by
/// time (dispatch and the order stamp theirs with their own silos' clocks), so a step that would
/// move an assignment back, as an event delivered again would, changes nothing.
/// </summary>
public sealed class DriverAssignments
{
    private readonly List<Assignment> assignments = [];
    private readonly Dictionary<string, int> byOrder = new(StringComparer.Ordinal);

    public static DriverAssignments From(IEnumerable<AssignmentStep> steps)
    {
        var folded = new DriverAssignments();
        foreach (var step in steps)
            folded.Apply(step);
        return folded;
    }

    public ImmutableArray<Assignment> View => [.. assignments];

    public void Apply(AssignmentStep step)
    {
        if (!byOrder.TryGetValue(step.OrderId, out var index))
        {
            byOrder[step.OrderId] = assignments.Count;
            assignments.Add(new Assignment(step.OrderId, step.Status, step.At, step.At));
        }
        else if (step.Status > assignments[index].Status)
        {
            assignments[index] = assignments[index] with { Status = step.Status, UpdatedAt = step.At };
        }
    }
}
