using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>The payment record an order keeps (<see cref="OrderState.Payment"/>), and how each provider call's answer changes it.</summary>
public static class OrderPayment
{
    /// <summary>The record a placed order starts with: the charge asked for, no call answered yet.</summary>
    public static PaymentDetails Asked(string orderId, Money amount) =>
        new(orderId, PaymentStatus.Charging, amount, Attempts: 0, ChargeReference: null, RefundReference: null, DeclineReason: null);

    /// <summary>
    /// <paramref name="held"/> after <paramref name="answer"/>: its status and references, one more
    /// call for each the answer counts. An answer from a payment that made the charge itself (an
    /// earlier version's) is the whole record already.
    /// </summary>
    public static PaymentDetails After(this PaymentDetails? held, PaymentDetails answer) =>
        held is null || answer.Status is PaymentStatus.Refunded or PaymentStatus.Voided && answer.ChargeReference is not null
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
