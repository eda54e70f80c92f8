using Orders.Grains.Events;
using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>
/// A placed order asks its payment for the charge with a one-way call, and the payment tells it
/// how the charge ended with another (<see cref="IOrderGrain.PaymentSettled"/>): no event goes
/// to the payment and none comes back, which took a fifth of the machine's time per order away
/// (docs/performance.md). The order never waits on the provider, so it answers, is cancelled or
/// times out while a charge is under way; the payment refunds a charge that ends after that,
/// and tells the order once the money is back.
/// </summary>
public sealed partial class OrderGrain
{
    async Task IOrderGrain.PaymentSettled(PaymentDetails payment)
    {
        if (payment.OrderId != OrderId)
            return;
        if (State.RefundPending && payment.Status is PaymentStatus.Refunded or PaymentStatus.Voided or PaymentStatus.Declined)
        {
            await Save(State with { RefundPending = false });
            return;
        }
        if (State.Status != OrderStatus.Placed)
            return;
        switch (payment)
        {
            case { Status: PaymentStatus.Charged, ChargeReference: { } charge }:
                await Save(await PaidAndAnswered(charge));
                // A closed restaurant's rejection owes the refund.
                await AskPaymentForWhatIsOwed();
                break;
            case { Status: PaymentStatus.Declined, DeclineReason: { } reason }:
                await End(OrderStatus.PaymentFailed, $"payment failed: {reason}");
                break;
        }
    }

    /// <summary>
    /// Asks for the charge of an order waiting to be paid, or for the refund of one that ended
    /// after it was placed and has not heard that it is made; the payment charges once and
    /// refunds once however often it is asked. The order's timer asks again
    /// (<see cref="OrderState.Wake"/>) until the payment answers: the ask or the answer may
    /// have been lost with a silo.
    /// </summary>
    private Task AskPaymentForWhatIsOwed()
    {
        var payment = grains.Reference<IPaymentGrain>(OrderId);
        if (State.RefundPending)
            return payment.Refund(State.CustomerId, State.Total);
        return State.Status == OrderStatus.Placed ? payment.Charge(State.CustomerId, State.Total) : Task.CompletedTask;
    }
}
