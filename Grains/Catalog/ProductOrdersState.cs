using Orders.Grains.Events;

namespace Orders.Grains.Catalog;

[GenerateSerializer, Immutable, Alias("orders.ProductOrdersState")]
public sealed record ProductOrdersState
{
    [Id(0)] public ImmutableSortedSet<string> OpenOrders { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    [Id(1)] public AppliedEvents Applied { get; init; } = new();

    /// <summary>The newest details a ProductUpdated brought; null before the first.</summary>
    [Id(2)] public ProductDetails? Latest { get; init; }

    public ProductOrdersState Apply(DomainEvent domainEvent) => domainEvent switch
    {
        OrderPlaced placed => this with { OpenOrders = OpenOrders.Add(placed.OrderId), Applied = Applied.Add(placed.Header) },
        OrderCancelled cancelled => this with { OpenOrders = OpenOrders.Remove(cancelled.OrderId), Applied = Applied.Add(cancelled.Header) },
        DeliveryStatusChanged delivered => this with { OpenOrders = OpenOrders.Remove(delivered.OrderId), Applied = Applied.Add(delivered.Header) },
        ProductUpdated updated => this with { Latest = updated.Product, Applied = Applied.Add(updated.Header) },
        _ => this with { Applied = Applied.Add(domainEvent.Header) },
    };
}
