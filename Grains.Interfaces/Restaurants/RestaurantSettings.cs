using Orders.Grains.Delivery;

namespace Orders.Grains.Restaurants;

/// <summary>How a restaurant takes orders and how fast its kitchen works.</summary>
/// <param name="Open">A closed restaurant turns paid orders down (and they are refunded).</param>
/// <param name="AutoAccept">Accepts every paid order as it arrives, instead of waiting for AcceptOrder.</param>
/// <param name="PrepTime">How long the kitchen takes per order.</param>
/// <param name="KitchenCapacity">Orders prepared at once; the rest queue in acceptance order.</param>
/// <param name="Zone">The delivery zone whose drivers deliver its orders.</param>
[GenerateSerializer, Immutable, Alias("orders.RestaurantSettings")]
public sealed record RestaurantSettings(
    [property: Id(0)] bool Open,
    [property: Id(1)] bool AutoAccept,
    [property: Id(2)] TimeSpan PrepTime,
    [property: Id(3)] int KitchenCapacity,
    [property: Id(4)] string Zone)
{
    /// <summary>Why a closed restaurant rejects a paid order.</summary>
    public const string ClosedReason = "the restaurant is closed";

    public static readonly RestaurantSettings Default = new(Open: true, AutoAccept: false, TimeSpan.FromMinutes(10), KitchenCapacity: 4, DeliveryZones.Default);
}
