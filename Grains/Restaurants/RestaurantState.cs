using Orders.Grains.Events;

namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantState")]
public sealed record RestaurantState : IOutboxState<RestaurantState>
{
    /// <summary>Null until the restaurant is created.</summary>
    [Id(0)] public RestaurantDetails? Details { get; init; }

    [Id(1)] public Outbox Outbox { get; init; } = new();

    [Id(2)] public Kitchen Kitchen { get; init; } = new();

    public RestaurantSettings Settings => Details?.Settings ?? RestaurantSettings.Default;

    public RestaurantState WithOutbox(Outbox outbox) => this with { Outbox = outbox };
}
