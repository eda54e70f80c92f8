using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>The payment record an order keeps (<see cref="OrderState.Payment"/>), and how each provider call's answer changes it.</summary>
public static class OrderPayment
{
    /// <summary>The record a placed order starts with: the charge asked for, no call answered yet.</summary>
    public static PaymentDetails Asked(string orderId, Money amount) =>
        new(orderId, PaymentStatus.Charging, amount, Attempts: 0, ChargeReference: null, RefundReference: null, DeclineReason: null);

    /// <summary>
    /// <paramref name="held"/> after <paramref name="answer"/>: its status and references, and the
    /// calls the answer counts added to the order's (a charge call counts once its answer reaches
    /// the order; a refund's calls, as its payment counted them). With no record held (the order's
    /// state is typed for an order not yet placed), the answer is the record.
    /// </summary>
    public static PaymentDetails After(this PaymentDetails? held, PaymentDetails answer) =>
        held is null
            ? answer
            : held with
            {
                Status = answer.Status,
                Attempts = held.Attempts + answer.Attempts,
                ChargeReference = answer.ChargeReference ?? held.ChargeReference,
                RefundReference = answer.RefundReference ?? held.RefundReference,
                DeclineReason = answer.DeclineReason ?? held.DeclineReason,
            };

    /// <summary>What one charge call of the order's came to, as the order is told it.</summary>
    public static PaymentDetails Answer(string orderId, Money amount, ChargeOutcome outcome) =>
        new(orderId, outcome.Result switch
            {
                { Reference: not null } => PaymentStatus.Charged,
                { DeclineReason: not null } => PaymentStatus.Declined,
                _ => PaymentStatus.Charging,
            },
            amount, Attempts: 1, outcome.Result?.Reference, RefundReference: null, outcome.Result?.DeclineReason);
}
