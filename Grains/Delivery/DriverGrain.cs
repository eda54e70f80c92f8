using Orders.Grains.Events;

namespace Orders.Grains.Delivery;

/// <summary>
/// A driver. Dispatch decides who delivers what; the driver's own record follows its assignments
/// from the driver stream and tells dispatch when the driver comes on or goes off duty.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Driver)]
public sealed class DriverGrain(
    [PersistentState("driver", StorageNames.Main)] IPersistentState<DriverState> driver,
    IGrainFactory grains) : Grain, IDriverGrain, IStreamSubscriptionObserver
{
    private string DriverId => this.GetPrimaryKeyString();

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Track);

    async Task<Result<DriverDetails>> IDriverGrain.Register(string name, string zone)
    {
        if (driver.State.Name is { } registered)
        {
            return (registered, driver.State.Zone) == (name, zone)
                ? driver.State.Details(DriverId)
                : Refusal.AlreadyExists($"driver '{DriverId}' is already registered as '{registered}' in zone '{driver.State.Zone}'");
        }

        await driver.Save(driver.State with { Name = name, Zone = zone }, this);
        return driver.State.Details(DriverId);
    }

    async Task<Result<DriverDetails>> IDriverGrain.SetOnDuty(bool onDuty)
    {
        if (driver.State.Name is null)
            return Refusal.NotFound($"driver '{DriverId}' not found");

        // Dispatch first: if the write below fails, a retry repeats an idempotent call.
        await grains.GetGrain<IDispatchGrain>(driver.State.Zone).SetAvailability(DriverId, onDuty);
        if (driver.State.OnDuty != onDuty)
            await driver.Save(driver.State with { OnDuty = onDuty }, this);
        return driver.State.Details(DriverId);
    }

    Task<DriverDetails?> IDriverGrain.Get() =>
        Task.FromResult(driver.State.Name is null ? null : driver.State.Details(DriverId));

    private async Task Track(DomainEvent domainEvent)
    {
        if (domainEvent is DeliveryStatusChanged change && !driver.State.Applied.Contains(change.Header))
            await driver.Save(driver.State.Track(change), this);
    }
}
