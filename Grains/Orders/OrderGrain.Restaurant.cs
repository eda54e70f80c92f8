using Orders.Grains.Events;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Orders;

/// <summary>
/// A paid order takes its restaurant's standing answer in the write that stores the payment: a
/// closed restaurant rejects it, one that answers automatically accepts it, and otherwise it waits
/// among the restaurant's pending orders, which that write lists it in (<see cref="RestaurantLists"/>).
/// The settings come from this silo's copy (<see cref="RestaurantCache"/>), which a restaurant's
/// Configure reaches before it answers. So the restaurant hears of an order only once it is
/// accepted (its kitchen), by the usual OrderAccepted: no event, queue row or call for the payment.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>The order paid, with the restaurant's standing answer in the same state.</summary>
    private async Task<OrderState> PaidAndAnswered()
    {
        // Settings that answer for the restaurant, or none: the order waits for its answer.
        var standing = await restaurants.StandingAnswer(State.Restaurant.Id);
        var now = clock.GetUtcNow();
        var paid = State.Paid(OrderId, now);
        return standing switch
        {
            null => paid,
            { Open: false } => Ended(paid, OrderStatus.Cancelled, RejectedBecause(RestaurantSettings.ClosedReason), now),
            _ => Accepted(paid, standing.Zone, now),
        };
    }

    /// <summary><paramref name="from"/> accepted by its restaurant for delivery in <paramref name="zone"/>.</summary>
    private OrderState Accepted(OrderState from, string zone, DateTimeOffset now)
    {
        var accepted = from.MoveTo(OrderStatus.Accepted, now, "accepted by the restaurant") with { Zone = zone };
        return outbox.Raise(accepted, now, header => new OrderAccepted(header, OrderId, accepted.CustomerId, accepted.Restaurant.Id, zone));
    }

    private const string RejectedPrefix = "rejected by the restaurant: ";

    private static string RejectedBecause(string reason) => RejectedPrefix + reason;
}
