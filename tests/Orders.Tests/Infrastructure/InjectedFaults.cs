using System.Collections.Concurrent;
using Orders.Grains.Events;
using Orders.Grains.Payments;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// Faults tests inject by name. A source named for publishing fails its next publication after
/// its state write, as if its silo died in between (only a storage that leaves the events to the
/// producer, dev mode's, publishes after the write; PostgreSQL's queues them in the write
/// itself). A customer named for charging has the next payment call asking for their charge fail
/// before it reaches the payment, as if it were lost with its silo.
/// </summary>
public sealed class InjectedFaults : IOutboxFaults, IIncomingGrainCallFilter
{
    public static readonly InjectedFaults Instance = new();

    private readonly ConcurrentDictionary<string, bool> failNextPublish = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> failNextCharge = new(StringComparer.Ordinal);

    public void FailNextPublish(string source) => failNextPublish[source] = true;

    public void FailNextCharge(string customerId) => failNextCharge[customerId] = true;

    /// <summary>Whether a charge failure asked for <paramref name="customerId"/> is still to happen.</summary>
    public bool ChargeFailurePending(string customerId) => failNextCharge.ContainsKey(customerId);

    public void BeforePublish(DomainEvent pending)
    {
        if (failNextPublish.TryRemove(pending.Header.Source, out _))
            throw new InvalidOperationException($"injected fault: {pending.Header.Source} dies before publishing");
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IPaymentGrain.Charge)
            && context.Request.GetArgument(0) is string customerId
            && failNextCharge.TryRemove(customerId, out _))
            throw new InvalidOperationException($"injected fault: the charge for {customerId} is lost");
        return context.Invoke();
    }
}
