namespace Orders.Grains.Orders;

/// <summary>A line as the client asked for it: which product and how many.</summary>
[GenerateSerializer, Immutable, Alias("orders.LineRequest")]
public sealed record LineRequest([property: Id(0)] string ProductId, [property: Id(1)] int Quantity);
