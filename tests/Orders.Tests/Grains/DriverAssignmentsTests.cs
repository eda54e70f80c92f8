using Orders.Grains.Delivery;

namespace Orders.Tests.Grains;

/// <summary>A driver's steps come to its assignments by status, whatever clock stamped them.</summary>
public sealed class DriverAssignmentsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_step_stamped_by_a_clock_behind_dispatchs_still_moves_the_assignment_on()
    {
        var assignments = DriverAssignments.From(
        [
            new AssignmentStep("order-1", DeliveryStatus.Assigned, Noon),
            new AssignmentStep("order-1", DeliveryStatus.PickedUp, Noon.AddSeconds(-1)),     // the order's silo runs a second behind
            new AssignmentStep("order-1", DeliveryStatus.Delivered, Noon.AddSeconds(-0.5)),
        ]);

        Assert.Equal([new Assignment("order-1", DeliveryStatus.Delivered, Noon, Noon.AddSeconds(-0.5))], assignments.View.AsEnumerable());
    }

    [Fact]
    public void A_step_that_would_move_an_assignment_back_changes_nothing_and_orders_keep_their_first_place()
    {
        var assignments = DriverAssignments.From(
        [
            new AssignmentStep("order-1", DeliveryStatus.Assigned, Noon),
            new AssignmentStep("order-2", DeliveryStatus.Assigned, Noon.AddMinutes(1)),
            new AssignmentStep("order-1", DeliveryStatus.Delivered, Noon.AddMinutes(2)),
        ]);

        assignments.Apply(new AssignmentStep("order-1", DeliveryStatus.PickedUp, Noon.AddMinutes(3)));     // delivered again, late

        Assert.Equal(
            [new Assignment("order-1", DeliveryStatus.Delivered, Noon, Noon.AddMinutes(2)), new Assignment("order-2", DeliveryStatus.Assigned, Noon.AddMinutes(1), Noon.AddMinutes(1))],
            assignments.View.AsEnumerable());
    }
}
