using System.Diagnostics;
using Orders.Grains.Diagnostics;

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
        subscription.Create<DomainEvent>().ResumeAsync((domainEvent, _) =>
            domainEvent.Header.TraceParent is { } parent && OrdersTracing.Source.HasListeners()
                ? Traced(domainEvent, parent, handle)
                : handle(domainEvent));

    /// <summary>
    /// Handles the event in a span of the trace whose call raised it: the header carries that
    /// call's context, which the queue between them does not (the batch imports no request context).
    /// </summary>
    private static async Task Traced(DomainEvent domainEvent, string parent, Func<DomainEvent, Task> handle)
    {
        using var span = OrdersTracing.Source.StartActivity($"{domainEvent.GetType().Name} handled", ActivityKind.Consumer, parent);
        span?.SetTag("orders.event.source", domainEvent.Header.Source);
        try
        {
            await handle(domainEvent);
        }
        catch (Exception failure)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure.Message);
            throw;
        }
    }
}
