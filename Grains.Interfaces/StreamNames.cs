namespace Orders.Grains;

/// <summary>
/// The stream provider and the stream namespaces. A namespace names the consumer grain type;
/// a stream's key is the consumer grain's key.
/// </summary>
public static class StreamNames
{
    /// <summary>The durable stream provider every event travels on.</summary>
    public const string Provider = "events";

    /// <summary>Consumed by ProductGrain: restaurant changes its snapshot follows.</summary>
    public const string Product = "product";

    /// <summary>Consumed by ProductUpdatesGrain: its product's updates, for every silo's product cache.</summary>
    public const string ProductUpdates = "product-updates";

    /// <summary>Consumed by OrderGrain: its driver assignment (payment results come by call).</summary>
    public const string Order = "order";

    /// <summary>Consumed by RestaurantGrain: accepted orders to cook, and the cancellation of an order its kitchen holds.</summary>
    public const string Restaurant = "restaurant";

    /// <summary>Consumed by DispatchGrain: orders needing a driver, drivers becoming free.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Consumed by DriverGrain: the driver's assignments.</summary>
    public const string Driver = "driver";
}
