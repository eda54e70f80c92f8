namespace Orders.Grains.Delivery;

/// <summary>
/// Matches accepted orders with free drivers in one zone. It is the only place a driver is given
/// an order, so no driver ever holds two at once. Key: the zone.
/// </summary>
[Alias("orders.IDispatchGrain")]
public interface IDispatchGrain : IGrainWithStringKey
{
    /// <summary>A driver came on or went off duty; a free driver on duty gets the longest-waiting order.</summary>
    [Alias("SetAvailability")]
    Task SetAvailability(string driverId, bool onDuty);

    /// <summary>Gives a waiting order to a free driver by hand.</summary>
    [Alias("Assign")]
    Task<Result<DispatchView>> Assign(string orderId, string driverId);

    [Alias("View")]
    Task<DispatchView> View();
}
