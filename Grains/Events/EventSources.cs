namespace Orders.Grains.Events;

/// <summary>
/// The producer named in its events' headers. With the sequence it keys every effect of an event
/// (a notification's inbox row is <c>{source}#{sequence}</c>), so a producer's name must not change.
/// </summary>
public static class EventSources
{
    public static string Order(string orderId) => $"order:{orderId}";

    public static string Payment(string orderId) => $"payment:{orderId}";

    public static string Product(string productId) => $"product:{productId}";

    public static string Restaurant(string restaurantId) => $"restaurant:{restaurantId}";

    public static string Dispatch(string zone) => $"dispatch:{zone}";
}
