namespace Orders.Grains.Restaurants;

/// <summary>An accepted order in the kitchen: cooking until <see cref="ReadyAt"/>, or queued while ReadyAt is null.</summary>
[GenerateSerializer, Immutable, Alias("orders.KitchenTicket")]
public sealed record KitchenTicket([property: Id(0)] string OrderId, [property: Id(1)] DateTimeOffset? ReadyAt);
