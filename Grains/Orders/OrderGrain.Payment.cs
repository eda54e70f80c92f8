using Orders.Grains.Events;
using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>
/// A placed order asks its payment for the charge with a call and moves on with the answer: no
/// event goes to the payment and none comes back, which halves what the usual payment costs
/// (docs/performance.md). When the provider cannot answer, the payment keeps trying on its own
/// and its PaymentSucceeded or PaymentFailed event brings the answer (<see cref="Apply"/>).
/// </summary>
public sealed partial class OrderGrain
{
    private IGrainTimer? askingForPayment;

    /// <summary>
    /// Asks in a turn of its own, so CreateOrder answers as soon as the order is placed. If the
    /// asking is lost with its silo, the order's timer asks again (<see cref="OrderState.Wake"/>).
    /// </summary>
    private void AskForPaymentSoon() =>
        askingForPayment ??= this.RegisterGrainTimer(AskForPaymentOnce, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));

    private Task AskForPaymentOnce(CancellationToken cancellation)
    {
        askingForPayment?.Dispose();
        askingForPayment = null;
        return AskForPayment();
    }

    /// <summary>
    /// Asks for the charge of an order still waiting to be paid; the payment charges once however
    /// often it is asked. The order takes no other call meanwhile, so a cancellation comes after
    /// the charge and the payment refunds it.
    /// </summary>
    private async Task AskForPayment()
    {
        if (State.Status != OrderStatus.Placed)
            return;
        var payment = await grains.GetGrain<IPaymentGrain>(OrderId).Charge(State.CustomerId, State.Total);
        switch (payment.Status)
        {
            case PaymentStatus.Charged:
                await MoveToPaid(payment.ChargeReference!, State);
                break;
            case PaymentStatus.Declined:
                await EndUnpaid(payment.DeclineReason!, State);
                break;
        }
    }

    private Task MoveToPaid(string chargeReference, OrderState from)
    {
        var now = clock.GetUtcNow();
        var paid = from.MoveTo(OrderStatus.Paid, now, $"payment {chargeReference} succeeded");
        return Save(events.Raise(paid, now, header => new OrderPaid(header, OrderId, paid.CustomerId, paid.Restaurant.Id, paid.Total)));
    }

    private Task<OrderSnapshot> EndUnpaid(string reason, OrderState from) => End(OrderStatus.PaymentFailed, $"payment failed: {reason}", from);
}
