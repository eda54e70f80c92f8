using Orders.Grains.Events;

namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantState")]
public sealed record RestaurantState : IOutboxState<RestaurantState>
{
    /// <summary>Null until the restaurant is created.</summary>
    [Id(0)] public RestaurantDetails? Details { get; init; }

    [Id(1)] public Outbox Outbox { get; init; } = new();

    // Ids 2 and 5 held the paid orders waiting for an answer (with their details, then their
    // ids alone), rewritten on every event; they are a set of their own now, written one order
    // at a time (RestaurantGrain's pending orders).

    [Id(3)] public Kitchen Kitchen { get; init; } = new();

    // Id 4 held per-order dedupe marks, which grew with every order the restaurant ever had; see RestaurantGrain.Apply.

    public RestaurantSettings Settings => Details?.Settings ?? RestaurantSettings.Default;

    public RestaurantState WithOutbox(Outbox outbox) => this with { Outbox = outbox };
}
