using Orders.Grains.Events;

namespace Orders.Grains.Restaurants;

[GenerateSerializer, Immutable, Alias("orders.RestaurantState")]
public sealed record RestaurantState : IOutboxState<RestaurantState>
{
    /// <summary>Null until the restaurant is created.</summary>
    [Id(0)] public RestaurantDetails? Details { get; init; }

    [Id(1)] public Outbox Outbox { get; init; } = new();

    // Id 2 held the pending orders with their details (customer, total, paid at), rewritten on
    // every event; the orders themselves hold those, so only their ids are kept now (Id 5).

    /// <summary>Paid orders waiting for an answer, in the order they were paid.</summary>
    [Id(5)] public ImmutableArray<string> Pending { get; init; } = [];

    [Id(3)] public Kitchen Kitchen { get; init; } = new();

    // Id 4 held per-order dedupe marks, which grew with every order the restaurant ever had; see RestaurantGrain.Apply.

    public RestaurantSettings Settings => Details?.Settings ?? RestaurantSettings.Default;

    public RestaurantState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    /// <summary>Whether the order is waiting for an answer or in the kitchen.</summary>
    public bool Holds(string orderId) => Pending.Contains(orderId) || Kitchen.Has(orderId);

    public RestaurantState Answered(string orderId) => this with { Pending = Pending.Remove(orderId) };
}
