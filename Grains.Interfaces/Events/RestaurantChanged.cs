using Orders.Grains.Catalog;

namespace Orders.Grains.Events;

/// <summary>A restaurant's name or address changed; its menu products carry a snapshot of both.</summary>
[GenerateSerializer, Immutable, Alias("orders.RestaurantProfileChanged")]
public sealed record RestaurantProfileChanged(
    EventHeader Header,
    [property: Id(0)] string RestaurantId,
    [property: Id(1)] RestaurantSnapshot Profile,
    [property: Id(2)] ImmutableArray<string> MenuProductIds) : DomainEvent(Header);
