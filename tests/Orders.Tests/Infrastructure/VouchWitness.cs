using System.Collections.Concurrent;
using Orders.Grains.Orders;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// Every grain call that arrived vouching that a grain was never stored (<see cref="NeverStored"/>),
/// on every test silo: which method, on which grain, vouching for which.
/// </summary>
public sealed class VouchWitness : IIncomingGrainCallFilter
{
    public static readonly VouchWitness Instance = new();

    private readonly ConcurrentQueue<(string Method, GrainId Target, string Vouched)> seen = new();

    /// <summary>The calls that arrived vouching for <paramref name="grain"/>: (method, target).</summary>
    public IEnumerable<(string Method, GrainId Target)> CallsVouching(GrainId grain) =>
        from call in seen where call.Vouched == grain.ToString() select (call.Method, call.Target);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (NeverStored.Vouched is { } vouched)
            seen.Enqueue((context.InterfaceMethod?.Name ?? "(unnamed)", context.TargetId, vouched));
        return context.Invoke();
    }
}
