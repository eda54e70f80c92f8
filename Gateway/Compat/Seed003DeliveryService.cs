using Orders.Compat.Seed003.Delivery;
using Orders.Grains.Delivery;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;

namespace Orders.Gateway.Compat;

/// <summary>Seed 003's <c>delivery_service.DeliveryService</c>.</summary>
public sealed class Seed003DeliveryService(IGrainFactory grains) : DeliveryService.DeliveryServiceBase
{
    /// <summary>
    /// The seed's clients choose the driver: dispatch gives the accepted order to the one named
    /// (<see cref="IDispatchGrain.AssignByHand"/>), waiting for dispatch to hear of an order accepted
    /// a moment before (<see cref="SeedPatience"/>); the same pair again is answered as assigned. The
    /// seed has no call to register a driver: one named for the first time is registered under its
    /// id, in the order's zone, off duty, so that dispatch gives it nothing unasked.
    /// </summary>
    public override async Task<AssignDriverResponse> AssignDriver(AssignDriverRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var driverId = Require.Id(request.DriverId, "driver_id");
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var order = grains.Reference<IOrderGrain>(orderId);
        var placed = (await order.Get()).OrNotFound($"order '{orderId}'");
        if (placed.DriverId != driverId)
        {
            // Checked before a driver named for the first time is registered, so that a refused call
            // changes nothing; but for dispatch giving the order to another driver in between, which
            // leaves the new one registered, off duty, as its next call would have made it.
            if (placed.DriverId is not null || placed.Status is not (OrderStatus.Accepted or OrderStatus.Ready))
                throw new RefusedException(Refusal.FailedPrecondition(placed.DriverId is null
                    ? $"order '{orderId}' is {placed.Status.Name()}; a driver takes an order once its restaurant accepted it"
                    : $"order '{orderId}' has another driver"));
            // The zone the order took when it was accepted, where dispatch holds it, whatever its restaurant's is now.
            var zone = placed.Zone ?? DeliveryZones.Default;
            var driver = await Driver(driverId).Get() ?? (await Driver(driverId).Register(driverId, zone)).OrRefused();
            if (driver.Zone != zone)
                throw new RefusedException(Refusal.FailedPrecondition(
                    $"driver '{driverId}' works in zone '{driver.Zone}'; order '{orderId}' is delivered in zone '{zone}'"));
            var dispatch = grains.Reference<IDispatchGrain>(zone);
            var assigned = await SeedPatience.Retry(
                () => dispatch.AssignByHand(orderId, driverId),
                async () => await order.Get() is { Status: OrderStatus.Accepted or OrderStatus.Ready, DriverId: null }
                    && !(await dispatch.View()).Holds(orderId),
                context.CancellationToken);
            assigned.OrRefused();
        }
        return new AssignDriverResponse { AssignmentId = SeedMapping.AssignmentId(orderId), Status = SeedStatuses.Assigned };
    }

    /// <summary>
    /// The seed knows no kitchen step: its driver taking out an order the kitchen has not marked
    /// ready yet (its prep time still running) takes it as ready.
    /// </summary>
    public override async Task<UpdateDeliveryStatusResponse> UpdateDeliveryStatus(UpdateDeliveryStatusRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var status = SeedStatuses.DriverReport(request.Status, "status");
        var order = grains.Reference<IOrderGrain>(orderId);
        await Caller.Of(context).ActsForDriverOf(order);
        if (status is DeliveryStatus.PickedUp or DeliveryStatus.OutForDelivery
            && await order.Get() is { Status: OrderStatus.Accepted, DriverId: not null } cooking)
            (await grains.Reference<IRestaurantGrain>(cooking.RestaurantId).MarkOrderReady(orderId)).OrRefused();
        var updated = await order.UpdateDelivery(status);
        return updated.Answer(context, moved => new UpdateDeliveryStatusResponse { OrderId = moved.OrderId, Status = moved.Status.Word() });
    }

    public override async Task<GetDriverAssignmentsResponse> GetDriverAssignments(GetDriverAssignmentsRequest request, ServerCallContext context)
    {
        var driverId = Require.Id(request.DriverId, "driver_id");
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var driver = (await Driver(driverId).Get()).OrNotFound($"driver '{driverId}'");
        return new GetDriverAssignmentsResponse
        {
            Assignments = { driver.Assignments.Select(assignment => assignment.ToSeed003()) },
        };
    }

    private IDriverGrain Driver(string driverId) => grains.Reference<IDriverGrain>(driverId);
}
