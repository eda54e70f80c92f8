namespace Orders.Grains.Catalog;

/// <summary>The owning restaurant's name and address as a product last saw them.</summary>
[GenerateSerializer, Immutable, Alias("orders.RestaurantSnapshot")]
public sealed record RestaurantSnapshot([property: Id(0)] string Name, [property: Id(1)] string Address);
