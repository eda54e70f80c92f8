using Orders.Grains.Orders;

namespace Orders.Tests.Infrastructure;

/// <summary>An order's watcher that counts its nudges; they may come in on any thread.</summary>
public sealed class CountingObserver : IOrderObserver
{
    private int nudges;

    public int Nudges => Volatile.Read(ref nudges);

    public Task Changed()
    {
        Interlocked.Increment(ref nudges);
        return Task.CompletedTask;
    }
}
