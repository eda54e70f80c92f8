using Orders.Grains.Lists;

namespace Orders.Grains.Restaurants;

/// <summary>
/// A restaurant's pending orders, the paid ones waiting for its answer. Each order's own stored
/// state lists it while it is paid and unanswered (<see cref="IListedState"/>), so the restaurant
/// sees an order pending exactly while the order is stored as paid, with no row, stream, queue
/// row or call per order.
/// </summary>
public static class RestaurantLists
{
    public static string PendingOf(string restaurantId) => $"restaurant/{restaurantId}/pending";
}
