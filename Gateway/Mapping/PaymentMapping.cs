using Orders.Grains.Payments;

namespace Orders.Gateway.Mapping;

public static class PaymentMapping
{
    public static V1.Payment ToProto(this PaymentDetails payment) => new()
    {
        OrderId = payment.OrderId,
        Status = (V1.PaymentStatus)payment.Status,      // numbered alike (a test holds them together)
        Amount = payment.Amount.ToProto(),
        Attempts = payment.Attempts,
        ChargeReference = payment.ChargeReference ?? "",
        RefundReference = payment.RefundReference ?? "",
        DeclineReason = payment.DeclineReason ?? "",
    };
}
