using System.Collections.Concurrent;
using Orders.Grains.Events;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// Faults tests inject by name. A source named for publishing fails its next publication after
/// its state write, as if its silo died in between (only a storage that leaves the events to the
/// producer, dev mode's, publishes after the write; PostgreSQL's queues them in the write
/// itself). A grain named with a method fails its next call of that method before the call
/// reaches it, as if the call were lost with its silo.
/// </summary>
public sealed class InjectedFaults : IOutboxFaults, IIncomingGrainCallFilter
{
    public static readonly InjectedFaults Instance = new();

    /// <summary>The method by which a pulling agent hands a subscriber its events (Orleans' internal stream consumer extension).</summary>
    public const string StreamDelivery = "DeliverBatch";

    private readonly ConcurrentDictionary<string, bool> failNextPublish = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Method, string GrainKey), int> failNextCalls = new();

    public void FailNextPublish(string source) => failNextPublish[source] = true;

    /// <summary>Fails the next <paramref name="times"/> calls of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/>.</summary>
    public void FailNextCall(string method, string grainKey, int times = 1) => failNextCalls[(method, grainKey)] = times;

    /// <summary>Whether a call failure asked for is still to happen.</summary>
    public bool CallFailurePending(string method, string grainKey) => failNextCalls.ContainsKey((method, grainKey));

    /// <summary>Forgets the failures still to happen for that method and grain.</summary>
    public void StopFailing(string method, string grainKey) => failNextCalls.TryRemove((method, grainKey), out _);

    public void BeforePublish(DomainEvent pending)
    {
        if (failNextPublish.TryRemove(pending.Header.Source, out _))
            throw new InvalidOperationException($"injected fault: {pending.Header.Source} dies before publishing");
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod is { } method && TakeFailure((method.Name, context.TargetId.Key.ToString())))
            throw new InvalidOperationException($"injected fault: {method.Name} on {context.TargetId} is lost");
        return context.Invoke();
    }

    private bool TakeFailure((string Method, string GrainKey) call)
    {
        while (failNextCalls.TryGetValue(call, out var left))
        {
            var taken = left == 1 ? failNextCalls.TryRemove(KeyValuePair.Create(call, left)) : failNextCalls.TryUpdate(call, left - 1, left);
            if (taken)
                return true;
        }
        return false;
    }
}
