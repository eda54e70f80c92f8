using Orders.Compat.Seed003.Delivery;
using Orders.Grains.Delivery;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;
using Polly;
using Polly.Retry;

namespace Orders.Gateway.Compat;

/// <summary>
/// Seed 003's <c>delivery_service.DeliveryService</c>. An order has one driver, so its assignment
/// is named after it (<c>assignment_</c> and the order id).
/// </summary>
public sealed class Seed003DeliveryService(IGrainFactory grains) : DeliveryService.DeliveryServiceBase
{
    /// <summary>
    /// Dispatch hears of an accepted order from its event, moments after AcceptOrder answered, and
    /// the seed's clients assign a driver right after accepting: a refused confirmation of an order
    /// that is accepted and has no driver yet is asked again, for up to about five seconds.
    /// </summary>
    private static readonly ResiliencePipeline<(Result<DispatchView> Answer, bool OrderNotOnBoardYet)> UntilOnBoard =
        new ResiliencePipelineBuilder<(Result<DispatchView> Answer, bool OrderNotOnBoardYet)>()
            .AddRetry(new RetryStrategyOptions<(Result<DispatchView> Answer, bool OrderNotOnBoardYet)>
            {
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result.OrderNotOnBoardYet),
                MaxRetryAttempts = 50,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Constant,
            })
            .Build();

    /// <summary>
    /// Confirms that dispatch gave the order to the driver, as the native AssignDriver does:
    /// dispatch hands each waiting order to the first free driver of its zone.
    /// </summary>
    public override async Task<AssignDriverResponse> AssignDriver(AssignDriverRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var driverId = Require.Id(request.DriverId, "driver_id");
        Caller.Of(context).ActsAs(Roles.Courier, driverId);
        var order = grains.Reference<IOrderGrain>(orderId);
        var placed = (await order.Get()).OrNotFound($"order '{orderId}'");
        var dispatch = grains.Reference<IDispatchGrain>((await Driver(driverId).Get() ?? await Enlist(driverId, placed.RestaurantId)).Zone);
        var (assigned, _) = await UntilOnBoard.ExecuteAsync(async _ =>
        {
            var answer = await dispatch.ConfirmAssignment(orderId, driverId);
            return (answer, answer.IsRefused && await order.Get() is { Status: OrderStatus.Accepted, DriverId: null });
        }, context.CancellationToken);
        return assigned.Answer(context, _ => new AssignDriverResponse { AssignmentId = AssignmentId(orderId), Status = SeedStatuses.Assigned });
    }

    /// <summary>
    /// The seed knows no kitchen step: its driver reporting on an order the kitchen has not marked
    /// ready yet (its prep time still running) takes it as ready.
    /// </summary>
    public override async Task<UpdateDeliveryStatusResponse> UpdateDeliveryStatus(UpdateDeliveryStatusRequest request, ServerCallContext context)
    {
        var orderId = Require.Id(request.OrderId, "order_id");
        var status = SeedStatuses.DriverReport(request.Status, "status");
        var order = grains.Reference<IOrderGrain>(orderId);
        await Caller.Of(context).ActsForDriverOf(order);
        if (await order.Get() is { Status: OrderStatus.Accepted, DriverId: not null } cooking)
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
