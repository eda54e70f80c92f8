using Microsoft.Extensions.Options;
using Orders.Grains.Events;
using Orders.Grains.Orders;

namespace Orders.Grains.Payments;

/// <summary>
/// One order's refund. The order charges through the provider itself and keeps the record (see
/// <c>OrderGrain.Payment.cs</c>), so an order paid and delivered never activates its payment;
/// an order that ends after placement asks for the refund here, on its timer until it hears that
/// the money is back. The order asks only once its own charge call is over, so the refund sees
/// what the charge did (a charge call an activation lost with its silo may still arrive later:
/// the refund voided its key, so the provider declines it).
/// A provider that cannot answer is asked again on a durable timer. The order id as
/// idempotency key keeps it to one refund however often it is asked.
/// </summary>
public sealed class PaymentGrain(
    [PersistentState("payment", StorageNames.Main)] IPersistentState<PaymentState> payment,
    PaymentGateway provider,
    IOptions<LifecycleOptions> lifecycle,
    TimeProvider clock) : Grain, IPaymentGrain, IRemindable
{
    private EventOutbox<PaymentState> outbox = null!;
    private DurableTimer retry = null!;

    private string OrderId => this.GetPrimaryKeyString();

    private PaymentState State => payment.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        outbox = new EventOutbox<PaymentState>(payment, this, EventSources.Payment(OrderId));
        retry = new DurableTimer(this, "retry", State.OwesRefund);
        await outbox.Resume();
        // A refund owed when the last activation ended may have no timer: its silo died between the
        // write and the timer, and the ask that owed it is not repeated until the order's wake.
        if (State.OwesRefund)
            await RetryWhileOwed();
    }

    Task<PaymentDetails?> IPaymentGrain.Get() =>
        Task.FromResult(State.Status == PaymentStatus.None ? null : State.Details(OrderId));

    async Task IPaymentGrain.Refund(string customerId, Money amount, string? chargeReference)
    {
        await Settle(State.OrderEnded(customerId, amount, chargeReference));
        await TellOrder();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        retry.Fired();
        await Settle(State);
        await TellOrder();
    }

    /// <summary>
    /// Tells the order a refund that has ended, after it is stored: if the order never
    /// hears (its silo died), its timer asks again and hears it then.
    /// </summary>
    private Task TellOrder() =>
        State.Status is PaymentStatus.Refunded or PaymentStatus.Voided
            ? GrainFactory.Reference<IOrderGrain>(OrderId).PaymentSettled(State.Details(OrderId))
            : Task.CompletedTask;

    /// <summary>
    /// Makes the refund <paramref name="next"/> owes, if any, and writes the outcome in one write
    /// with the change that asked for it. A crash before the write is safe: the order's ask comes
    /// again, and the provider answers a repeated key with its first answer. When the provider
    /// cannot answer, the owed refund is stored and tried again on the timer.
    /// </summary>
    private async Task Settle(PaymentState next)
    {
        if (next.OwesRefund)
        {
            // What a repeated ask adds (the charge's reference, heard late) is kept whatever the
            // provider answers: an answer that fails this call must not leave it to the next retry.
            if (State.OwesRefund && next != State)
                await outbox.Save(next);
            next = After(next, await provider.Refund(OrderId));
        }

        if (next != State)
            await outbox.Save(next);
        await RetryWhileOwed();
        // A payment that owes nothing hears again only of an ask repeated after a lost answer:
        // it leaves memory now rather than after the collection age, so that each order does not
        // keep a second activation for the collector to copy.
        if (!State.OwesRefund && outbox.AllPublished)
            DeactivateOnIdle();
    }

    /// <summary>Sets the timer for a refund still owed, or clears it.</summary>
    private Task RetryWhileOwed() =>
        retry.At(State.OwesRefund ? clock.GetUtcNow() + lifecycle.Value.PaymentRetryDelay : null);

    private PaymentState After(PaymentState asked, ChargeOutcome outcome)
    {
        var now = clock.GetUtcNow();
        var tried = asked with { Attempts = asked.Attempts + 1 };
        return outcome.Result switch
        {
            null => tried,
            { Reference: { } refund } => outbox.Raise(
                tried with { Status = PaymentStatus.Refunded, RefundReference = refund }, now,
                header => new PaymentRefunded(header, OrderId, asked.CustomerId, asked.Amount, refund)),
            // Only a charge never confirmed can turn out to be nothing; for a confirmed one that answer is a fault.
            { DeclineReason: null } when asked.ChargeReference is null => tried with { Status = PaymentStatus.Voided },
            _ => throw new InvalidOperationException($"unexpected provider answer {outcome} to the refund of order {OrderId}"),
        };
    }
}
