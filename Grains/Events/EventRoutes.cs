namespace Orders.Grains.Events;

/// <summary>
/// The routing table: every stream each event is published to, in this one place. A stream's
/// namespace names the consumer grain type and its key is the consumer's key.
/// </summary>
public static class EventRoutes
{
    public static IEnumerable<StreamId> For(DomainEvent domainEvent) => domainEvent switch
    {
        OrderPlaced placed =>
            [Stream(StreamNames.Customer, placed.CustomerId), .. Each(StreamNames.ProductOrders, placed.Lines.Select(line => line.ProductId))],
        OrderCancelled cancelled =>
            [Stream(StreamNames.Customer, cancelled.CustomerId), .. Each(StreamNames.ProductOrders, cancelled.ProductIds)],
        ProductUpdated updated =>
            [Stream(StreamNames.ProductOrders, updated.Product.ProductId)],
        RestaurantProfileChanged changed =>
            Each(StreamNames.Product, changed.MenuProductIds),
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "no route for this event"),
    };

    private static StreamId Stream(string streamNamespace, string key) => StreamId.Create(streamNamespace, key);

    private static IEnumerable<StreamId> Each(string streamNamespace, IEnumerable<string> keys) =>
        keys.Distinct(StringComparer.Ordinal).Select(key => Stream(streamNamespace, key));
}
