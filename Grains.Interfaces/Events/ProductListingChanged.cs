using Orders.Grains.Catalog;

namespace Orders.Grains.Events;

/// <summary>
/// What a product follows of its restaurant changed: the restaurant's name and address (a rename
/// tells every product it has) or whether its menu lists the product (a menu change tells those it
/// put on or took off). An order for a product off the menu is refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.ProductListingChanged")]
public sealed record ProductListingChanged(
    EventHeader Header,
    [property: Id(0)] string RestaurantId,
    [property: Id(1)] string ProductId,
    [property: Id(2)] RestaurantSnapshot Profile,
    [property: Id(3)] bool OffMenu) : DomainEvent(Header);
