using Microsoft.Extensions.Options;
using Orders.Grains.Events;

namespace Orders.Grains.Payments;

/// <summary>
/// One order's payment. OrderPlaced asks for the charge and OrderCancelled for a void or a
/// refund; both arrive on the order's payment stream in the order they happened, so a charge
/// made before a cancellation is always refunded after it. A provider that cannot answer is
/// asked again on a durable timer; the order id as idempotency key keeps it to one charge and
/// one refund however often it is asked.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Payment)]
public sealed class PaymentGrain(
    [PersistentState("payment", StorageNames.Main)] IPersistentState<PaymentState> payment,
    PaymentGateway provider,
    IOptions<LifecycleOptions> lifecycle,
    TimeProvider clock) : Grain, IPaymentGrain, IStreamSubscriptionObserver, IRemindable
{
    private EventOutbox<PaymentState> events = null!;
    private DurableTimer retry = null!;

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    private string OrderId => this.GetPrimaryKeyString();

    private PaymentState State => payment.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        events = new EventOutbox<PaymentState>(payment, this, $"payment:{OrderId}");
        retry = new DurableTimer(this, "retry", State.IsWaitingForProvider);
        await events.Resume();
        // A call owed when the last activation ended may have no timer: its silo died between the
        // write and the timer, and the event that asked for the call is applied already.
        if (State.IsWaitingForProvider)
            await RetryWhileOwed();
    }

    Task<PaymentDetails?> IPaymentGrain.Get() =>
        Task.FromResult(State.Status == PaymentStatus.None ? null : State.Details(OrderId));

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        retry.Fired();
        return Settle(State);
    }

    private Task Apply(DomainEvent domainEvent)
    {
        if (State.Applied.Contains(domainEvent.Header))
            return Task.CompletedTask;

        var applied = State with { Applied = State.Applied.Add(domainEvent.Header) };
        return Settle((domainEvent, State.Status) switch
        {
            (OrderPlaced placed, PaymentStatus.None) =>
                applied with { Status = PaymentStatus.Charging, CustomerId = placed.CustomerId, Amount = placed.Total },
            (OrderCancelled, PaymentStatus.None) => applied with { Status = PaymentStatus.Voided },
            // A charge asked for and not answered may have been taken: the refund by key gives it
            // back, or voids the key when nothing was taken.
            (OrderCancelled, PaymentStatus.Charging or PaymentStatus.Charged) => applied with { Status = PaymentStatus.Refunding },
            _ => applied,
        });
    }

    /// <summary>
    /// Makes the charge or refund <paramref name="next"/> owes, if any, and writes the outcome in
    /// one write with the change that asked for it. A crash before the write is safe: the event
    /// comes again and the provider answers a repeated key with its first answer. When the
    /// provider cannot answer, the owed call is stored and tried again on the timer.
    /// </summary>
    private async Task Settle(PaymentState next)
    {
        if (next.IsWaitingForProvider)
        {
            var outcome = next.Status == PaymentStatus.Charging
                ? await provider.Charge(OrderId, next.CustomerId, next.Amount)
                : await provider.Refund(OrderId);
            next = After(next, outcome);
        }

        if (next != State)
            await events.Save(next);
        await RetryWhileOwed();
    }

    /// <summary>Sets the timer for a provider call still owed, or clears it.</summary>
    private Task RetryWhileOwed() =>
        retry.At(State.IsWaitingForProvider ? clock.GetUtcNow() + lifecycle.Value.PaymentRetryDelay : null);

    private PaymentState After(PaymentState asked, ChargeOutcome outcome)
    {
        var now = clock.GetUtcNow();
        var tried = asked with { Attempts = asked.Attempts + 1 };
        return (outcome.Result, asked.Status) switch
        {
            (null, _) => tried,
            ({ Reference: { } charge }, PaymentStatus.Charging) => events.Raise(
                tried with { Status = PaymentStatus.Charged, ChargeReference = charge }, now,
                header => new PaymentSucceeded(header, OrderId, asked.Amount, charge)),
            ({ DeclineReason: { } reason }, PaymentStatus.Charging) => events.Raise(
                tried with { Status = PaymentStatus.Declined, DeclineReason = reason }, now,
                header => new PaymentFailed(header, OrderId, reason)),
            // Only a charge never confirmed can turn out to be nothing; for a confirmed one that answer is a fault.
            ({ Reference: null, DeclineReason: null }, PaymentStatus.Refunding) when asked.ChargeReference is null =>
                tried with { Status = PaymentStatus.Voided },
            ({ Reference: { } refund }, _) => events.Raise(
                tried with { Status = PaymentStatus.Refunded, RefundReference = refund }, now,
                header => new PaymentRefunded(header, OrderId, asked.CustomerId, asked.Amount, refund)),
            _ => throw new InvalidOperationException($"unexpected provider answer {outcome} while {asked.Status}"),
        };
    }
}
