using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Grains.Lists;

namespace Orders.Grains.Events;

/// <summary>
/// A producer grain's side of the outbox. <see cref="Save"/> writes the state with its new
/// events. PostgreSQL's storage queues them, and adds the list entries they project
/// (<see cref="EventProjections"/>), in that same statement and hands the state back with an
/// empty outbox (<see cref="OutboxStorage"/>); with any other storage they stay in the stored
/// state and are published and projected here after the write, and leave the outbox on the next
/// write (lazily, so publishing costs no extra write). A publish that fails is tried again on a
/// timer, and on activation <see cref="Resume"/> publishes whatever an earlier activation stored
/// but did not see published.
/// </summary>
public sealed partial class EventOutbox<TState> where TState : IOutboxState<TState>
{
    private static readonly TimeSpan PublishRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IPersistentState<TState> state;
    private readonly IGrainBase owner;
    private readonly string source;
    private readonly IStreamProvider streams;
    private readonly IListStore lists;
    private readonly TimeProvider clock;
    private readonly IOutboxFaults faults;
    private readonly ILogger logger;
    private long publishedThrough;
    private IGrainTimer? publishingAgain;

    /// <param name="source">The producer's name in event headers, unique across grain types (<c>order:o-17</c>).</param>
    public EventOutbox(IPersistentState<TState> state, IGrainBase owner, string source)
    {
        this.state = state;
        this.owner = owner;
        this.source = source;
        var services = owner.GrainContext.ActivationServices;
        streams = services.GetRequiredKeyedService<IStreamProvider>(StreamNames.Provider);
        lists = services.GetRequiredService<IListStore>();
        clock = services.GetRequiredService<TimeProvider>();
        faults = services.GetRequiredService<IOutboxFaults>();
        logger = services.GetRequiredService<ILogger<EventOutbox<TState>>>();
    }

    /// <summary>Whether every stored event is published: until then the activation must stay, for its timer to publish them.</summary>
    public bool AllPublished => publishingAgain is null;

    /// <summary>Publishes what an earlier activation left pending; call it from OnActivateAsync.</summary>
    public async Task Resume()
    {
        if (!state.State.Outbox.Pending.IsEmpty)
            await Save(state.State);
    }

    /// <summary>Records an event of this producer in <paramref name="next"/>'s outbox (<see cref="RaisedEvents.Raise"/>); it is published by the next <see cref="Save"/>.</summary>
    public TState Raise(TState next, DateTimeOffset at, Func<EventHeader, DomainEvent> create) => next.Raise(source, at, create);

    public async Task Save(TState next)
    {
        await state.Save(next.WithOutbox(next.Outbox.PublishedThrough(publishedThrough)), owner);
        await Publish();
    }

    /// <summary>
    /// Publishes the stored events not seen published yet. A failure does not fail the caller,
    /// whose change is stored with its events: they are published again on a timer that keeps
    /// the activation until they are.
    /// </summary>
    private async Task Publish()
    {
        try
        {
            foreach (var pending in state.State.Outbox.Pending.Where(pending => pending.Header.Sequence > publishedThrough))
            {
                faults.BeforePublish(pending);
                await Task.WhenAll(
                    EventRoutes.For(pending).Select(stream => streams.GetStream<DomainEvent>(stream).OnNextAsync(pending))
                        .Concat(EventProjections.For(pending, clock.GetUtcNow(), state.State).Select(lists.Apply)));
                publishedThrough = pending.Header.Sequence;
            }
            publishingAgain?.Dispose();
            publishingAgain = null;
        }
        catch (Exception failure)
        {
            LogPublishFailed(logger, failure, source, PublishRetryDelay);
            publishingAgain ??= owner.RegisterGrainTimer(_ => Publish(), new GrainTimerCreationOptions(PublishRetryDelay, PublishRetryDelay) { KeepAlive = true });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of {Source} are stored but were not all published; they are published again in {Delay}")]
    private static partial void LogPublishFailed(ILogger logger, Exception failure, string source, TimeSpan delay);
}
