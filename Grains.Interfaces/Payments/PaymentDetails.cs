namespace Orders.Grains.Payments;

[GenerateSerializer, Immutable, Alias("orders.PaymentDetails")]
public sealed record PaymentDetails(
    [property: Id(0)] string OrderId,
    [property: Id(1)] PaymentStatus Status,
    [property: Id(2)] Money Amount,
    [property: Id(3)] int Attempts,
    [property: Id(4)] string? ChargeReference,
    [property: Id(5)] string? RefundReference,
    [property: Id(6)] string? DeclineReason);
