using Orders.Grains.Events;

namespace Orders.Grains.Payments;

[GenerateSerializer, Immutable, Alias("orders.PaymentState")]
public sealed record PaymentState : IOutboxState<PaymentState>
{
    [Id(0)] public PaymentStatus Status { get; init; }
    [Id(1)] public string CustomerId { get; init; } = "";
    [Id(2)] public Money Amount { get; init; } = new(0, "");

    /// <summary>Provider calls made (each may include the pipeline's own retries).</summary>
    [Id(3)] public int Attempts { get; init; }

    [Id(4)] public string? ChargeReference { get; init; }
    [Id(5)] public string? RefundReference { get; init; }
    [Id(6)] public string? DeclineReason { get; init; }
    [Id(7)] public AppliedEvents Applied { get; init; } = new();
    [Id(8)] public Outbox Outbox { get; init; } = new();

    /// <summary>Whether a provider call is still owed: a charge or a refund that could not be made yet.</summary>
    public bool IsWaitingForProvider => Status is PaymentStatus.Charging or PaymentStatus.Refunding;

    public PaymentState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    public PaymentDetails Details(string orderId) =>
        new(orderId, Status, Amount, Attempts, ChargeReference, RefundReference, DeclineReason);
}
