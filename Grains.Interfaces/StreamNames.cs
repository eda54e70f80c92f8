namespace Orders.Grains;

/// <summary>
/// The stream provider and the stream namespaces. A namespace names the consumer grain type;
/// a stream's key is the consumer grain's key.
/// </summary>
public static class StreamNames
{
    /// <summary>The durable stream provider every event travels on.</summary>
    public const string Provider = "events";

    /// <summary>Consumed by CustomerGrain: the customer's notification inbox.</summary>
    public const string Customer = "customer";

    /// <summary>Consumed by ProductGrain: restaurant changes its snapshot follows.</summary>
    public const string Product = "product";

    /// <summary>Consumed by ProductOrdersGrain: the open orders of one product.</summary>
    public const string ProductOrders = "product-orders";
}
