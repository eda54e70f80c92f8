
namespace Orders.Grains.Events;

public static class EventSubscriptions
{
    /// <summary>
    /// Attaches <paramref name="handle"/> to the grain's implicit subscription in
    /// <paramref name="streamNamespace"/>: the stream whose key is the grain's own key.
    /// </summary>
    public static Task Subscribe(this Grain grain, string streamNamespace, Func<DomainEvent, Task> handle)
    {
        var stream = grain.GetStreamProvider(StreamNames.Provider)
            .GetStream<DomainEvent>(StreamId.Create(streamNamespace, grain.GetPrimaryKeyString()));
        return stream.SubscribeAsync((domainEvent, _) => handle(domainEvent));
    }
}
