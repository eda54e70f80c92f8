using System.Collections.Concurrent;
using Orders.Grains.Orders;

namespace Orders.Tests.Infrastructure;

/// <summary>An observer of orders, as a gateway's, that counts the nudges each watch got; they may come in on any thread.</summary>
public sealed class CountingObserver : IOrderObserver
{
    private readonly ConcurrentDictionary<Guid, int> nudges = new();

    public int NudgesFor(Guid watch) => nudges.GetValueOrDefault(watch);

    public Task Changed(Guid watch)
    {
        nudges.AddOrUpdate(watch, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
