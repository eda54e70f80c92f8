using Orders.Grains.Events;

namespace Orders.Grains.Catalog;

[GenerateSerializer, Immutable, Alias("orders.ProductState")]
public sealed record ProductState : IOutboxState<ProductState>
{
    /// <summary>Null until the product is created.</summary>
    [Id(0)] public ProductDetails? Details { get; init; }

    [Id(1)] public Outbox Outbox { get; init; } = new();

    /// <summary>The restaurant changes this product has taken in.</summary>
    [Id(2)] public AppliedEvents Applied { get; init; } = new();

    public ProductState WithOutbox(Outbox outbox) => this with { Outbox = outbox };
}
