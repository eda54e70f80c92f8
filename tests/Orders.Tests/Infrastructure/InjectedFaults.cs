using System.Collections.Concurrent;
using Orders.Grains.Events;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// Faults tests inject by name. A source named for publishing fails its next publication of an
/// event of the type named after its state write, as if its silo died in between (only a storage that leaves the events to the
/// producer, dev mode's, publishes after the write; PostgreSQL's queues them in the write
/// itself). A grain named with a method fails its next call of that method before the call
/// reaches it, as if the call were lost with its silo, or is held there until the test releases it.
/// </summary>
public sealed class InjectedFaults : IOutboxFaults, IIncomingGrainCallFilter
{
    public static readonly InjectedFaults Instance = new();

    /// <summary>The method by which a pulling agent hands a subscriber its events (Orleans' internal stream consumer extension).</summary>
    public const string StreamDelivery = "DeliverBatch";

    private readonly ConcurrentDictionary<(string Source, Type Event), bool> failNextPublish = new();
    private readonly ConcurrentDictionary<(string Method, string GrainKey), (Exception? Failure, int Left)> failNextCall = new();
    private readonly ConcurrentDictionary<(string Method, string GrainKey), (Hold Hold, Func<IIncomingGrainCallContext, bool> Holds)> holdNextCall = new();

    public void FailNextPublish<TEvent>(string source) where TEvent : DomainEvent => failNextPublish[(source, typeof(TEvent))] = true;

    /// <summary>Fails the grain's next call of the method (or next <paramref name="times"/> calls) with <paramref name="failure"/>, or as if lost with its silo.</summary>
    public void FailNextCall(string method, string grainKey, Exception? failure = null, int times = 1) => failNextCall[(method, grainKey)] = (failure, times);

    /// <summary>
    /// Holds the grain's next call of the method (of those <paramref name="only"/> picks, by their
    /// arguments) before it runs, until <see cref="Hold.Release"/>.
    /// </summary>
    public Hold HoldNextCall(string method, string grainKey, Func<IIncomingGrainCallContext, bool>? only = null)
    {
        var hold = new Hold();
        holdNextCall[(method, grainKey)] = (hold, only ?? (_ => true));
        return hold;
    }

    /// <summary>Whether a publish failure asked for is still to happen.</summary>
    public bool PublishFailurePending<TEvent>(string source) where TEvent : DomainEvent => failNextPublish.ContainsKey((source, typeof(TEvent)));

    /// <summary>Whether a call failure asked for is still to happen.</summary>
    public bool CallFailurePending(string method, string grainKey) => failNextCall.ContainsKey((method, grainKey));

    public void BeforePublish(DomainEvent pending)
    {
        if (failNextPublish.TryRemove((pending.Header.Source, pending.GetType()), out _))
            throw new InvalidOperationException($"injected fault: {pending.Header.Source} dies before publishing");
    }

    /// <summary>The failure a call is to meet, counted off the ones asked for; null if none is left.</summary>
    private Exception? TakeFailure((string Method, string GrainKey) call)
    {
        while (failNextCall.TryGetValue(call, out var fault))
        {
            var taken = fault.Left == 1
                ? failNextCall.TryRemove(KeyValuePair.Create(call, fault))
                : failNextCall.TryUpdate(call, fault with { Left = fault.Left - 1 }, fault);
            if (taken)
                return fault.Failure ?? new InvalidOperationException($"injected fault: {call.Method} on {call.GrainKey} is lost");
        }
        return null;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod is { } method)
        {
            var call = (method.Name, context.TargetId.Key.ToString());
            if (TakeFailure(call) is { } failure)
                throw failure;
            if (holdNextCall.TryGetValue(call, out var held) && held.Holds(context) && holdNextCall.TryRemove(KeyValuePair.Create(call, held)))
                await held.Hold.Wait();
        }
        await context.Invoke();
    }
}
