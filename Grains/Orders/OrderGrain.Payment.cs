using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>
/// A placed order charges through the provider itself, beside its own turns, and keeps the payment's
/// record in its state (<see cref="OrderState.Payment"/>): the call's answer comes back as a call
/// to the order (<see cref="IOrderGrain.PaymentSettled"/>), and the PAID write stores the charge.
/// So the usual payment costs no activation, state read or write of its own (docs/performance.md).
/// The placement waits for the charge a short while (<see cref="LifecycleOptions.ChargeWait"/>)
/// so that it is stored with it; past that the order never waits on the provider: it answers, is
/// cancelled or times out while a charge is under way. An order that ends after placement asks
/// its payment grain for the refund, once its own charge call is over, so that the refund sees
/// what the charge did; the payment tells the order once the money is back.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>This activation's charge call to the provider, while it is under way.</summary>
    private Task? charging;

    async Task IOrderGrain.PaymentSettled(PaymentDetails payment)
    {
        if (payment.OrderId != OrderId)
            return;
        if (payment.Status is PaymentStatus.Charging or PaymentStatus.Charged or PaymentStatus.Declined)
            charging = null;        // the charge call it answers is over (its task may not have finished yet)

        if (State.RefundPending)
        {
            var record = State.Payment.After(payment);
            // A declined charge took nothing, unless its key was an earlier placement's under this
            // id, lost unanswered after it charged: the refund by key gives that charge back.
            var owed = payment.Status switch
            {
                PaymentStatus.Refunded or PaymentStatus.Voided => false,
                PaymentStatus.Declined => payment.DeclineReason == ChargeResult.KeyTakenReason,
                _ => true,
            };
            await Save(State with { RefundPending = owed, Payment = record });
            if (owed)
                await AskPaymentForWhatIsOwed();        // the refund waited for this charge call
            return;
        }
        if (State.Status == OrderStatus.Placed)
            await TakeCharge(payment);
    }

    /// <summary>
    /// Moves a placed order on by its charge call's answer: paid (and answered by its restaurant,
    /// if it stands for it), ended if declined, or stored as it is if the call was not answered
    /// (its timer asks again).
    /// </summary>
    private async Task TakeCharge(PaymentDetails payment)
    {
        var record = State.Payment.After(payment);
        switch (payment)
        {
            case { Status: PaymentStatus.Charged, ChargeReference: not null }:
                await Save(await PaidAndAnswered() with { Payment = record });
                // A closed restaurant's rejection owes the refund.
                await AskPaymentForWhatIsOwed();
                break;
            case { Status: PaymentStatus.Declined, DeclineReason: ChargeResult.KeyTakenReason }:
                // The key's charge is an earlier placement's under this id, lost unanswered: this
                // order cannot be paid under it, and that charge goes back with its refund.
                await End(State with { Payment = record }, OrderStatus.Cancelled, OrderState.KeyTakenReason);
                break;
            case { Status: PaymentStatus.Declined }:
                await End(State with { Payment = record }, OrderStatus.PaymentFailed, OrderState.DeclinedReason);
                break;
            case { Status: PaymentStatus.Charging }:
                await Save(State with { Payment = record });     // a call not answered: the timer asks again
                break;
        }
    }

    Task<PaymentDetails?> IOrderGrain.Payment() => Task.FromResult(
        State.Payment is { } payment
            ? State.RefundPending ? payment with { Status = PaymentStatus.Refunding } : payment
            : null);

    /// <summary>
    /// Charges an order waiting to be paid, or asks for the refund of one that ended after it was
    /// placed and has not heard that it is made; the provider charges once and the payment refunds
    /// once however often they are asked. The order's timer asks again
    /// (<see cref="OrderState.NextWake"/>) until it hears: the call or its answer may have been lost
    /// with a silo. While this activation's charge call is under way nothing more is asked: its
    /// answer asks for what is owed then.
    /// </summary>
    private Task AskPaymentForWhatIsOwed()
    {
        if (charging is { IsCompleted: false })
            return Task.CompletedTask;
        if (State.RefundPending)
            return grains.Reference<IPaymentGrain>(OrderId).Refund(RefundedCustomer, State.Total, State.Payment?.ChargeReference);
        if (State.Status == OrderStatus.Placed)
            charging = TellWhenCharged(StartCharge());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whom the refund gives money back to, for its notification: this order's customer, or no one
    /// this order knows when its payment key was taken by an earlier placement under its id (lost
    /// before it was stored, perhaps another customer's), whose charge the refund by key gives back
    /// while this order's customer was never charged. Named, they were told of a refund of their
    /// total.
    /// </summary>
    private string RefundedCustomer => State.Payment?.DeclineReason == ChargeResult.KeyTakenReason ? "" : State.CustomerId;

    /// <summary>
    /// One charge call to the provider (through its resilience pipeline). It starts in the order's
    /// turn, so a provider that answers at once costs no hop, and goes on beside the order once it
    /// waits (<see cref="PaymentGateway"/>).
    /// </summary>
    private Task<ChargeOutcome> StartCharge() => payments.Charge(OrderId, State.CustomerId, State.Total);

    private Task TellWhenCharged(Task<ChargeOutcome> charge) => this.AsReference<IOrderGrain>().TellWhenCharged(State.Total, charge, logger);
}
