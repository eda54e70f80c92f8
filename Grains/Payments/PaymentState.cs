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

    /// <summary>
    /// What the order's end asks of the payment. A payment that stored nothing takes the
    /// customer, the amount and the charge the order heard confirmed from the ask, so that its
    /// refund names whom it paid back, and a "nothing charged" for that charge is not taken.
    /// </summary>
    public PaymentState OrderEnded(bool wasPlaced, string customerId, Money amount, string? chargeReference) => Status switch
    {
        // An order that never left PENDING never asked for a charge.
        PaymentStatus.None when !wasPlaced => this with { Status = PaymentStatus.Voided },
        // Once placed, a charge may have been taken even with nothing stored here (the provider
        // answered and the silo died before the write): the refund by key gives it back, or voids
        // the key when nothing was taken.
        PaymentStatus.None => this with { Status = PaymentStatus.Refunding, CustomerId = customerId, Amount = amount, ChargeReference = chargeReference },
        // Asked for and not answered, or taken: the same refund by key.
        PaymentStatus.Charging or PaymentStatus.Charged => this with { Status = PaymentStatus.Refunding },
        _ => this,
    };

    public PaymentState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    public PaymentDetails Details(string orderId) =>
        new(orderId, Status, Amount, Attempts, ChargeReference, RefundReference, DeclineReason);
}
