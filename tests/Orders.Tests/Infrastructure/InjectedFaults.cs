using System.Collections.Concurrent;
using Orders.Grains.Events;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// Faults tests inject by name. A source named for publishing fails its next publication of an
/// event of the type named after its state write, as if its silo died in between (only a storage that leaves the events to the
/// producer, dev mode's, publishes after the write; PostgreSQL's queues them in the write
/// itself). A grain named with a method fails its next call of that method before the call
/// reaches it, as if the call were lost with its silo.
/// </summary>
public sealed class InjectedFaults : IOutboxFaults, IIncomingGrainCallFilter
{
    public static readonly InjectedFaults Instance = new();

    /// <summary>The method by which a pulling agent hands a subscriber its events (Orleans' internal stream consumer extension).</summary>
    public const string StreamDelivery = "DeliverBatch";

    private readonly ConcurrentDictionary<(string Source, Type Event), bool> failNextPublish = new();
    private readonly ConcurrentDictionary<(string Method, string GrainKey), bool> failNextCall = new();

    public void FailNextPublish<TEvent>(string source) where TEvent : DomainEvent => failNextPublish[(source, typeof(TEvent))] = true;

    public void FailNextCall(string method, string grainKey) => failNextCall[(method, grainKey)] = true;

    /// <summary>Whether a call failure asked for is still to happen.</summary>
    public bool CallFailurePending(string method, string grainKey) => failNextCall.ContainsKey((method, grainKey));

    public void BeforePublish(DomainEvent pending)
    {
        if (failNextPublish.TryRemove((pending.Header.Source, pending.GetType()), out _))
            throw new InvalidOperationException($"injected fault: {pending.Header.Source} dies before publishing");
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod is { } method && failNextCall.TryRemove((method.Name, context.TargetId.Key.ToString()), out _))
            throw new InvalidOperationException($"injected fault: {method.Name} on {context.TargetId} is lost");
        return context.Invoke();
    }
}
