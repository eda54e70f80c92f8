namespace Orders.Grains.Customers;

[GenerateSerializer, Immutable, Alias("orders.CustomerState")]
public sealed record CustomerState
{
    /// <summary>The customer's orders, oldest first.</summary>
    [Id(0)] public ImmutableArray<string> OrderIds { get; init; } = [];
}
