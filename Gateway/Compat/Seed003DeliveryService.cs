using Orders.Compat.Seed003.Delivery;
using Orders.Grains.Delivery;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;

namespace Orders.Gateway.Compat;

/// <summary>
/// Seed 003's <c>delivery_service.DeliveryService</c>. An order has one driver, so its assignment
/// is named after it (<c>assignment_</c> and the order id).
/// </summary>
public sealed class Seed003DeliveryService(IGrainFactory grains) : DeliveryService.DeliveryServiceBase
{
    /// <summary>
    /// Confirms that dispatch gave the order to the driver, as the native AssignDriver does:
    /// dispatch hands each waiting order to the first free driver of its zone.
    /// </summary>
    public override async Task<AssignDriverResponse> AssignDriver(AssignDriverRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var driverId = Require.Id(request.DriverId, "driver_id");
        var order = (await grains.Reference<IOrderGrain>(orderId).Get()).OrNotFound($"order '{orderId}'");
        var driver = await Driver(driverId).Get() ?? await Enlist(driverId, order.RestaurantId);
        var assigned = await grains.Reference<IDispatchGrain>(driver.Zone).ConfirmAssignment(orderId, driverId);
        return assigned.Answer(context, _ => new AssignDriverResponse { AssignmentId = AssignmentId(orderId), Status = SeedStatuses.Assigned });
    }

    public override async Task<UpdateDeliveryStatusResponse> UpdateDeliveryStatus(UpdateDeliveryStatusRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var status = SeedStatuses.DriverReport(request.Status, "status");
        var updated = await grains.Reference<IOrderGrain>(orderId).UpdateDelivery(status);
        return updated.Answer(context, order => new UpdateDeliveryStatusResponse { OrderId = order.OrderId, Status = order.Status.Word() });
    }

    public override async Task<GetDriverAssignmentsResponse> GetDriverAssignments(GetDriverAssignmentsRequest request, ServerCallContext context)
    {
        var driverId = Require.Id(request.DriverId, "driver_id");
        var driver = (await Driver(driverId).Get()).OrNotFound($"driver '{driverId}'");
        return new GetDriverAssignmentsResponse
        {
            Assignments =
            {
                driver.Assignments.Select(assignment => new DeliveryAssignment
                {
                    AssignmentId = AssignmentId(assignment.OrderId), OrderId = assignment.OrderId, Status = assignment.Status.Word(),
                }),
            },
        };
    }

    public static string AssignmentId(string orderId) => $"assignment_{orderId}";

    /// <summary>
    /// The seed has no call to register a driver: one it names for the first time is registered,
    /// under its id as name, in the zone of the order's restaurant, and put on duty.
    /// </summary>
    private async Task<DriverDetails> Enlist(string driverId, string restaurantId)
    {
        var restaurant = await grains.Reference<IRestaurantGrain>(restaurantId).Get();
        var driver = Driver(driverId);
        (await driver.Register(driverId, restaurant?.Settings.Zone ?? DeliveryZones.Default)).OrRefused();
        return (await driver.SetOnDuty(true)).OrRefused();
    }

    private IDriverGrain Driver(string driverId) => grains.Reference<IDriverGrain>(driverId);
}
