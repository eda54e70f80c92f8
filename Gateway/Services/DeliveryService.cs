using Orders.Grains.Delivery;
using Orders.Grains.Orders;

namespace Orders.Gateway.Services;

public sealed class DeliveryService(IGrainFactory grains) : V1.DeliveryService.DeliveryServiceBase
{
    public override async Task<V1.Driver> RegisterDriver(V1.RegisterDriverRequest request, ServerCallContext context)
    {
        var driverId = Require.Id(request.DriverId, "driver_id");
        var name = Require.Name(request.Name);
        var zone = Require.Zone(request.Zone, "zone");
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var registered = await Driver(driverId).Register(name, zone);
        return registered.Answer(context, driver => driver.ToProto());
    }

    public override async Task<V1.Driver> SetDriverOnDuty(V1.SetDriverOnDutyRequest request, ServerCallContext context)
    {
        var driverId = Require.Id(request.DriverId, "driver_id");
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var changed = await Driver(driverId).SetOnDuty(request.OnDuty);
        return changed.Answer(context, driver => driver.ToProto());
    }

    public override async Task<V1.Driver> GetDriver(V1.GetDriverRequest request, ServerCallContext context)
    {
        var driverId = Require.Id(request.DriverId, "driver_id");
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var driver = await Driver(driverId).Get();
        return driver.OrNotFound($"driver '{driverId}'").ToProto();
    }

    public override async Task<V1.AssignDriverResponse> AssignDriver(V1.AssignDriverRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var driverId = Require.Id(request.DriverId, "driver_id");
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var driver = (await Driver(driverId).Get()).OrNotFound($"driver '{driverId}'");
        // The zone's board knows only the orders waiting in it; an order that does not exist at all is NOT_FOUND.
        (await grains.Reference<IOrderGrain>(orderId).Status()).OrNotFound($"order '{orderId}'");
        var assigned = await grains.Reference<IDispatchGrain>(driver.Zone).ConfirmAssignment(orderId, driverId);
        return assigned.Answer(context, _ => new V1.AssignDriverResponse { OrderId = orderId, DriverId = driverId });
    }

    public override async Task<V1.Order> UpdateDeliveryStatus(V1.UpdateDeliveryStatusRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var status = request.Status.ToDriverReport("status");
        var order = grains.Reference<IOrderGrain>(orderId);
        await Caller.Of(context).ActsForDriverOf(order);
        var updated = await order.UpdateDelivery(status);
        return updated.Answer(context, order => order.ToProto());
    }

    public override async Task<V1.GetDriverAssignmentsResponse> GetDriverAssignments(
        V1.GetDriverAssignmentsRequest request, ServerCallContext context)
    {
        var driverId = Require.Id(request.DriverId, "driver_id");
        var page = Page.From(request.PageSize, request.PageToken);
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var driver = (await Driver(driverId).Get()).OrNotFound($"driver '{driverId}'");
        var (assignments, next) = page.Of(driver.Assignments, assignment => assignment.OrderId);
        return new V1.GetDriverAssignmentsResponse
        {
            Assignments = { assignments.Select(assignment => assignment.ToProto()) },
            NextPageToken = next,
        };
    }

    private IDriverGrain Driver(string driverId) => grains.Reference<IDriverGrain>(driverId);
}
