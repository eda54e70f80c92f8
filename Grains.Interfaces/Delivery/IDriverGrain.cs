namespace Orders.Grains.Delivery;

/// <summary>A driver: who they are, whether they work now, and the orders they were given. Key: the driver id.</summary>
[Alias("orders.IDriverGrain")]
public interface IDriverGrain : IGrainWithStringKey
{
    /// <summary>Registers the driver in a zone, off duty; registering again the same way is harmless.</summary>
    [Alias("Register")]
    Task<Result<DriverDetails>> Register(string name, string zone);

    /// <summary>Puts the driver on or off duty; only a driver on duty is given orders.</summary>
    [Alias("SetOnDuty")]
    Task<Result<DriverDetails>> SetOnDuty(bool onDuty);

    /// <summary>The driver, or null if never registered.</summary>
    [Alias("Get")]
    Task<DriverDetails?> Get();
}
