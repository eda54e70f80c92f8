namespace Orders.Grains.Events;

public static class EventSubscriptions
{
    /// <summary>
    /// Attaches <paramref name="handle"/> to the implicit subscription Orleans offers a consumer
    /// grain in <see cref="IStreamSubscriptionObserver.OnSubscribed"/>. Orleans offers it whenever
    /// an event reaches an activation with nothing attached, so no activation can receive an event
    /// without its handler (a consumer that subscribes in OnActivateAsync instead can: Orleans then
    /// drops the event and the queue counts it delivered).
    /// </summary>
    public static Task Attach(this IStreamSubscriptionHandleFactory subscription, Func<DomainEvent, Task> handle) =>
        subscription.Create<DomainEvent>().ResumeAsync((domainEvent, _) => handle(domainEvent));
}
