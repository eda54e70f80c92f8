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

    /// <summary>The charge under the key is an earlier placement's under the same id, not this customer's (<c>IPaymentGrain.Refund</c>).</summary>
    [Id(7)] public bool EarlierPlacements { get; init; }

    /// <summary>Whether a refund is still owed: asked for, and not made yet.</summary>
    public bool OwesRefund => Status == PaymentStatus.Refunding;

    /// <summary>
    /// What the order's end asks of the payment. A payment that stored nothing takes the
    /// customer, the amount and the charge the order heard confirmed from the ask, so that its
    /// refund names whom it paid back, and a "nothing charged" for that charge is not taken. The
    /// refund by key gives back a charge taken, or voids the key when nothing was taken; an ask
    /// repeated once the refund is owed or made changes nothing, but for what the first ask did not
    /// know yet: an order ended while its charge was on its way (on a silo since lost) asks before
    /// it hears the charge confirmed or the key taken by an earlier placement, and asks again with
    /// that while the refund is still owed.
    /// </summary>
    public PaymentState OrderEnded(string customerId, Money amount, string? chargeReference, bool earlierPlacements) => Status switch
    {
        PaymentStatus.None => this with
        {
            Status = PaymentStatus.Refunding, CustomerId = customerId, Amount = amount, ChargeReference = chargeReference, EarlierPlacements = earlierPlacements,
        },
        PaymentStatus.Refunding when (ChargeReference is null && chargeReference is not null) || (earlierPlacements && !EarlierPlacements) => this with
        {
            ChargeReference = ChargeReference ?? chargeReference, EarlierPlacements = EarlierPlacements || earlierPlacements,
        },
        _ => this,
    };

    public PaymentState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    public PaymentDetails Details(string orderId) =>
        new(orderId, Status, Amount, Attempts, ChargeReference, RefundReference, DeclineReason: null);
}
