using Orders.Grains.Events;
using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>
/// A placed order asks its payment for the charge with a one-way call, and the payment tells it
/// how the charge ended with another (<see cref="IOrderGrain.PaymentSettled"/>): no event goes
/// to the payment and none comes back, which took a fifth of the machine's time per order away
/// (docs/performance.md). The order never waits on the provider, so it answers, is cancelled or
/// times out while a charge is under way; the payment refunds a charge that ends after that.
/// </summary>
public sealed partial class OrderGrain
{
    async Task IOrderGrain.PaymentSettled(PaymentDetails payment)
    {
        if (State.Status != OrderStatus.Placed || payment.OrderId != OrderId)
            return;
        switch (payment)
        {
            case { Status: PaymentStatus.Charged, ChargeReference: { } charge }:
                var now = clock.GetUtcNow();
                var paid = State.MoveTo(OrderStatus.Paid, now, $"payment {charge} succeeded");
                await Save(events.Raise(paid, now, header => new OrderPaid(header, OrderId, paid.CustomerId, paid.Restaurant.Id, paid.Total)));
                break;
            case { Status: PaymentStatus.Declined, DeclineReason: { } reason }:
                await End(OrderStatus.PaymentFailed, $"payment failed: {reason}");
                break;
        }
    }

    /// <summary>
    /// Asks for the charge of an order waiting to be paid; the payment charges once however often
    /// it is asked. If the asking or the answer is lost with a silo, the order's timer asks again
    /// (<see cref="OrderState.Wake"/>).
    /// </summary>
    private Task AskForPayment() =>
        State.Status == OrderStatus.Placed
            ? grains.GetGrain<IPaymentGrain>(OrderId).Charge(State.CustomerId, State.Total)
            : Task.CompletedTask;
}
