using Orders.Grains.Orders;

namespace Orders.Grains.Restaurants;

/// <summary>
/// A restaurant: profile, menu, settings, the paid orders waiting for its answer and its kitchen.
/// Key: the restaurant id.
/// </summary>
[Alias("orders.IRestaurantGrain")]
public interface IRestaurantGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Result<RestaurantDetails>> Create(RestaurantProfile profile);

    [Alias("Update")]
    Task<Result<RestaurantDetails>> Update(RestaurantProfile profile);

    /// <summary>The restaurant, or null if it was never created.</summary>
    // Read-only, so it may interleave: an order reading the settings on a cache miss as it is
    // paid may be the very order this restaurant is waiting on (AcceptOrder).
    [Alias("Get"), AlwaysInterleave]
    Task<RestaurantDetails?> Get();

    /// <summary>Replaces the menu; every product must exist and belong to this restaurant.</summary>
    [Alias("SetMenu")]
    Task<Result<RestaurantDetails>> SetMenu(ImmutableArray<string> productIds);

    /// <summary>
    /// Adds a new product to the restaurant and its menu, and answers with the restaurant as it
    /// stands, which the product snapshots: a retried add finds the product already there, and
    /// off the menu if a SetMenu took it off since.
    /// </summary>
    [Alias("AddProduct")]
    Task<Result<RestaurantDetails>> AddProduct(string productId);

    /// <summary>Opens or closes the restaurant, sets its acceptance policy and its kitchen's pace.</summary>
    [Alias("Configure")]
    Task<Result<RestaurantDetails>> Configure(RestaurantSettings settings);

    /// <summary>Paid orders waiting for an answer, oldest first; one that cannot be read at the moment is left out.</summary>
    [Alias("PendingOrders")]
    Task<ImmutableArray<PendingOrder>> PendingOrders();

    /// <summary>The kitchen: orders cooking, then the queue.</summary>
    [Alias("Kitchen")]
    Task<ImmutableArray<KitchenTicket>> Kitchen();

    [Alias("AcceptOrder")]
    Task<Result<OrderSnapshot>> AcceptOrder(string orderId);

    [Alias("RejectOrder")]
    Task<Result<OrderSnapshot>> RejectOrder(string orderId, string reason);

    /// <summary>The kitchen finished an order before its prep time ran out.</summary>
    [Alias("MarkOrderReady")]
    Task<Result<OrderSnapshot>> MarkOrderReady(string orderId);

    /// <summary>
    /// An accepted order long unready asks whether the kitchen has it, and one it does not have (its
    /// OrderAccepted never came) is cooked now. One-way: the restaurant asks the order whether it is
    /// still accepted, which the order could not answer while it waited on this call.
    /// </summary>
    [OneWay, Alias("CheckKitchen")]
    Task CheckKitchen(string orderId);
}
