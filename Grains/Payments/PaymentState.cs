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
    [Id(6)] public Outbox Outbox { get; init; } = new();

    /// <summary>Whether a refund is still owed: asked for, and not made yet.</summary>
    public bool OwesRefund => Status == PaymentStatus.Refunding;

    /// <summary>
    /// What the order's end asks of the payment. A payment that stored nothing takes the
    /// customer, the amount and the charge the order heard confirmed from the ask, so that its
    /// refund names whom it paid back, and a "nothing charged" for that charge is not taken. The
    /// refund by key gives back a charge taken, or voids the key when nothing was taken; an ask
    /// repeated once the refund is owed or made changes nothing, but for the charge's reference
    /// when the first ask had none: an order ended while its charge was on its way asks before it
    /// hears the charge confirmed, and asks again with it while the refund is still owed.
    /// </summary>
    public PaymentState OrderEnded(string customerId, Money amount, string? chargeReference) => Status switch
    {
        PaymentStatus.None => this with { Status = PaymentStatus.Refunding, CustomerId = customerId, Amount = amount, ChargeReference = chargeReference },
        PaymentStatus.Refunding when ChargeReference is null && chargeReference is not null => this with { ChargeReference = chargeReference },
        _ => this,
    };

    public PaymentState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    public PaymentDetails Details(string orderId) =>
        new(orderId, Status, Amount, Attempts, ChargeReference, RefundReference, DeclineReason: null);
}
