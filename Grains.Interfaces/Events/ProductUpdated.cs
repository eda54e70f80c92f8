using Orders.Grains.Catalog;

namespace Orders.Grains.Events;

/// <summary>A product's details changed (its own fields or its restaurant's snapshot).</summary>
[GenerateSerializer, Immutable, Alias("orders.ProductUpdated")]
public sealed record ProductUpdated(EventHeader Header, [property: Id(0)] ProductDetails Product) : DomainEvent(Header);
