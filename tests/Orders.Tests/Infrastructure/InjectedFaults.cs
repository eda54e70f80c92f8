using System.Collections.Concurrent;
using Orders.Grains.Events;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// The outbox fault seam for tests: a source named here fails its next publication after its
/// state write, as if its silo died in between. Only a storage that leaves the events to the
/// producer (dev mode's) publishes after the write; PostgreSQL's queues them in the write itself.
/// </summary>
public sealed class InjectedFaults : IOutboxFaults
{
    public static readonly InjectedFaults Instance = new();

    private readonly ConcurrentDictionary<string, bool> failNextPublish = new(StringComparer.Ordinal);

    public void FailNextPublish(string source) => failNextPublish[source] = true;

    public void BeforePublish(DomainEvent pending)
    {
        if (failNextPublish.TryRemove(pending.Header.Source, out _))
            throw new InvalidOperationException($"injected fault: {pending.Header.Source} dies before publishing");
    }
}
