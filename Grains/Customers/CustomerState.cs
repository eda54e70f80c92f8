using Orders.Grains.Events;

namespace Orders.Grains.Customers;

[GenerateSerializer, Immutable, Alias("orders.CustomerState")]
public sealed record CustomerState
{
    /// <summary>The customer's orders, oldest first.</summary>
    [Id(0)] public ImmutableArray<string> OrderIds { get; init; } = [];

    [Id(1)] public ImmutableArray<Notification> Notifications { get; init; } = [];

    [Id(2)] public AppliedEvents Applied { get; init; } = new();

    public CustomerState Notify(EventHeader cause, Notification notification) =>
        this with { Notifications = Notifications.Add(notification), Applied = Applied.Add(cause) };
}
