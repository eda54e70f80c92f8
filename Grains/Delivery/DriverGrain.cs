using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Grains.Delivery;

/// <summary>
/// A driver. Dispatch decides who delivers what; the driver's own record follows its assignments
/// from the driver stream and tells dispatch when the driver comes on or goes off duty. Each
/// delivery step is a row of the driver's list (<see cref="IListStore"/>), keyed by the event that
/// brought it, so a step delivered again adds nothing and the driver's state does not grow with
/// its deliveries. The activation reads the list once and keeps the assignments it comes to.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Driver)]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed class DriverGrain(
    [PersistentState("driver", StorageNames.Main)] IPersistentState<DriverState> driver,
    IListStore lists,
    IGrainFactory grains) : Grain, IDriverGrain, IStreamSubscriptionObserver
{
    private DriverAssignments assignments = new();

    private string DriverId => this.GetPrimaryKeyString();

    private string Steps => DriverLists.StepsOf(DriverId);

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Track);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        assignments = DriverAssignments.From(await lists.Read<AssignmentStep>(Steps));
    }

    async Task<Result<DriverDetails>> IDriverGrain.Register(string name, string zone)
    {
        if (driver.State.Name is { } registered)
        {
            return (registered, driver.State.Zone) == (name, zone)
                ? Details()
                : Refusal.AlreadyExists($"driver '{DriverId}' is already registered as '{registered}' in zone '{driver.State.Zone}'");
        }

        await driver.Save(driver.State with { Name = name, Zone = zone }, this);
        return Details();
    }

    async Task<Result<DriverDetails>> IDriverGrain.SetOnDuty(bool onDuty)
    {
        if (driver.State.Name is null)
            return Refusal.NotFound($"driver '{DriverId}' not found");

        // Dispatch first: if the write below fails, a retry repeats an idempotent call.
        if ((await grains.Reference<IDispatchGrain>(driver.State.Zone).SetAvailability(DriverId, onDuty)).Refusal is { } refusal)
            return refusal;
        if (driver.State.OnDuty != onDuty)
            await driver.Save(driver.State with { OnDuty = onDuty }, this);
        return Details();
    }

    Task<DriverDetails?> IDriverGrain.Get() => Task.FromResult(driver.State.Name is null ? null : Details());

    private async Task Track(DomainEvent domainEvent)
    {
        if (domainEvent is not DeliveryStatusChanged change)
            return;

        var step = new AssignmentStep(change.OrderId, change.Status, change.Header.At);
        await lists.Add(Steps, change.Header.Key, step);
        assignments.Apply(step);
    }

    private DriverDetails Details() => driver.State.Details(DriverId, assignments.View);
}
