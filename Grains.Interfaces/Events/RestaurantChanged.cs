using Orders.Grains.Catalog;

namespace Orders.Grains.Events;

/// <summary>
/// A restaurant's name, address or menu changed: every product it owns follows, taking the
/// snapshot of its name and address and whether its menu lists it (an order for a product its
/// menu does not list is refused).
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.RestaurantChanged")]
public sealed record RestaurantChanged(
    EventHeader Header,
    [property: Id(0)] string RestaurantId,
    [property: Id(1)] RestaurantSnapshot Profile,
    [property: Id(2)] ImmutableArray<string> ProductIds,
    [property: Id(3)] ImmutableArray<string> Menu) : DomainEvent(Header);
