using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>One order. Key: the order id (client-chosen, or made by the gateway).</summary>
[Alias("orders.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey, IWakeable
{
    /// <summary>
    /// Prices the lines from the catalog, reserves every one, all or nothing, charges, and stores
    /// the order once. A retry with the same content gets the stored answer; once stored, other
    /// content is refused as already existing.
    /// </summary>
    [Alias("Place")]
    Task<Result<OrderSnapshot>> Place(PlaceOrder command);

    /// <summary>
    /// Places the order as <see cref="Place"/> does, at the prices its silo's placement worker
    /// charged it at before it handed the placement over: priced again here, from a silo whose copy
    /// of the catalog differs, the charge repeated under the order's id would not match the first.
    /// </summary>
    [Alias("TakeOver")]
    Task<Result<OrderSnapshot>> TakeOver(PlaceOrder command, PricedOrder priced);

    /// <summary>The order, or null if none was placed under this id.</summary>
    [Alias("Get")]
    Task<OrderSnapshot?> Get();

    /// <summary>The order's status alone, or null if none was placed under this id: what a consumer asks to tell a current event from a stale one.</summary>
    [Alias("Status")]
    Task<OrderStatus?> Status();

    /// <summary>The customer cancels while the order is placed or paid; cancelling twice is harmless.</summary>
    [Alias("Cancel")]
    Task<Result<OrderSnapshot>> Cancel(string reason);

    /// <summary>Its restaurant takes a paid order on: the stock is sold, the kitchen starts, and <paramref name="zone"/>'s dispatch finds a driver.</summary>
    [Alias("Accept")]
    Task<Result<OrderSnapshot>> Accept(string restaurantId, string zone);

    /// <summary>Its restaurant turns a paid order down: stock released, payment refunded.</summary>
    [Alias("Reject")]
    Task<Result<OrderSnapshot>> Reject(string restaurantId, string reason);

    /// <summary>The kitchen is done with an accepted order. Idempotent.</summary>
    [Alias("MarkReady")]
    Task<Result<OrderSnapshot>> MarkReady(string restaurantId);

    /// <summary>The driver reports progress: picked up, out for delivery, delivered. Idempotent.</summary>
    [Alias("UpdateDelivery")]
    Task<Result<OrderSnapshot>> UpdateDelivery(DeliveryStatus status);

    /// <summary>
    /// How a provider call for the order ended: its own charge call (charged, declined, or not
    /// answered yet) or its payment's refund. A placed order moves on with a charge's answer; an
    /// ended one that is owed a refund asks for it once its charge call is over, and stops asking
    /// once the refund is made. Told again after a repeated ask, it changes nothing.
    /// </summary>
    [Alias("PaymentSettled")]
    Task PaymentSettled(PaymentDetails payment);

    /// <summary>
    /// The order's payment as stored, or null if none was asked for (the order was never placed).
    /// Not interleaved: a call under way may hold a change whose write has not landed yet, so this
    /// answers after it. A charge slower than the placement's wait goes on beside the order's turns
    /// and is shown as asked until its answer is stored.
    /// </summary>
    [Alias("Payment")]
    Task<PaymentDetails?> Payment();

    /// <summary>
    /// Asked by <paramref name="productId"/>'s stock about a hold the order took and has not
    /// claimed in time: whether the order still needs it. One never stored (its placement was
    /// lost before its write, unanswered) disowns it, and voids any charge it made first; a stored
    /// one disowns a product it does not order (taken by an earlier placement of other content).
    /// Not interleaved: a placement under way answers once its write is done.
    /// </summary>
    [Alias("ClaimsHold")]
    Task<bool> ClaimsHold(string productId);

    /// <summary>
    /// Dispatch tells the order of each driver it assigns before answering whoever caused it, so
    /// that the driver's first report finds the order knowing its driver; the same event arriving
    /// on the order's stream changes nothing more. False if the order does not take the driver:
    /// it ended (or never was) before dispatch heard, and dispatch frees the driver at once.
    /// </summary>
    [Alias("DriverAssigned")]
    Task<bool> DriverAssigned(DeliveryStatusChanged assignment);

    /// <summary>
    /// Tells <paramref name="observer"/> about every change, naming <paramref name="watch"/>, for a
    /// while (a lease: watchers renew it, and one that is gone simply expires). False, and no
    /// watch kept, when the order already has as many watches as it keeps.
    /// </summary>
    [Alias("WatchAs")]
    Task<bool> Watch(IOrderObserver observer, Guid watch);

    /// <summary>
    /// Ends <paramref name="watch"/>'s lease at once: a watch that ends before its order does would
    /// otherwise be nudged for the rest of the lease, and keep the order in memory. Answered, not
    /// one-way: a one-way message may be overtaken by a later call (a client spreads its messages
    /// over its gateways), and the change that call makes would still nudge the watch.
    /// </summary>
    [Alias("UnwatchAs")]
    Task Unwatch(Guid watch);
}
