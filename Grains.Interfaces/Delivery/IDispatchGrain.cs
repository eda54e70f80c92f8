namespace Orders.Grains.Delivery;

/// <summary>
/// Matches accepted orders with free drivers in one zone. It is the only place a driver is given
/// an order, so no driver ever holds two at once. Key: the zone.
/// </summary>
[Alias("orders.IDispatchGrain")]
public interface IDispatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// A driver came on or went off duty; a free driver on duty gets the longest-waiting order. A
    /// driver delivering an order who goes off duty keeps it, and is given no other once it is delivered.
    /// </summary>
    [Alias("SetAvailability")]
    Task<Result<DispatchView>> SetAvailability(string driverId, bool onDuty);

    /// <summary>
    /// Confirms that the driver holds the order. The native API does not choose drivers by hand:
    /// dispatch gives a waiting order to the first free driver the moment there is one, so an order
    /// waits only while no driver of its zone is free, and a free driver only while no order waits.
    /// </summary>
    [Alias("ConfirmAssignment")]
    Task<Result<DispatchView>> ConfirmAssignment(string orderId, string driverId);

    /// <summary>
    /// Gives a waiting order to the driver named, on duty or not: the seed systems' clients choose
    /// drivers themselves. A driver so named and off duty is never given an order unasked, and is
    /// not free again once done. Refused if the order has another driver, is not waiting in this
    /// zone, or the driver is delivering another order; the same pair again answers as done.
    /// </summary>
    [Alias("AssignByHand")]
    Task<Result<DispatchView>> AssignByHand(string orderId, string driverId);

    /// <summary>
    /// Asked by an order that has waited a while for a driver: takes it on if dispatch never heard
    /// of it, and frees drivers whose orders ended unheard of. One-way: the order's timer does not
    /// wait on dispatch, and dispatch asks the order back.
    /// </summary>
    [OneWay, Alias("CheckWaiting")]
    Task CheckWaiting(string orderId, string customerId);

    [Alias("View")]
    Task<DispatchView> View();
}
