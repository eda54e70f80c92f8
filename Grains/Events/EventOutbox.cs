using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Lists;

namespace Orders.Grains.Events;

/// <summary>
/// A producer grain's side of the outbox. <see cref="Save"/> writes the state with its new
/// events. PostgreSQL's storage queues them, and adds the list entries they project
/// (<see cref="EventProjections"/>), in that same statement and hands the state back with an
/// empty outbox (<see cref="OutboxStorage"/>); with any other storage they stay in the stored
/// state and are published and projected here after the write, and leave the outbox on the next
/// write (lazily, so publishing costs no extra write). On activation <see cref="Resume"/>
/// publishes whatever an earlier activation stored but did not see published.
/// </summary>
public sealed class EventOutbox<TState> where TState : IOutboxState<TState>
{
    private readonly IPersistentState<TState> state;
    private readonly IGrainBase owner;
    private readonly string source;
    private readonly IStreamProvider streams;
    private readonly IListStore lists;
    private readonly TimeProvider clock;
    private readonly IOutboxFaults faults;
    private long publishedThrough;

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
    }

    /// <summary>Publishes what an earlier activation left pending; call it from OnActivateAsync.</summary>
    public async Task Resume()
    {
        if (!state.State.Outbox.Pending.IsEmpty)
            await Save(state.State);
    }

    /// <summary>Records an event in <paramref name="next"/>'s outbox; it is published by the next <see cref="Save"/>.</summary>
    public TState Raise(TState next, DateTimeOffset at, Func<EventHeader, DomainEvent> create) =>
        next.WithOutbox(next.Outbox.Add(source, at, create));

    public async Task Save(TState next)
    {
        await state.Save(next.WithOutbox(next.Outbox.PublishedThrough(publishedThrough)), owner);
        try
        {
            foreach (var pending in state.State.Outbox.Pending.Where(pending => pending.Header.Sequence > publishedThrough))
            {
                faults.BeforePublish(pending);
                await Task.WhenAll(
                    EventRoutes.For(pending).Select(stream => streams.GetStream<DomainEvent>(stream).OnNextAsync(pending))
                        .Concat(EventProjections.For(pending, clock.GetUtcNow()).Select(lists.Apply)));
                publishedThrough = pending.Header.Sequence;
            }
        }
        catch
        {
            // The change is stored with its events; a fresh activation publishes them again.
            owner.DeactivateOnIdle();
            throw;
        }
    }
}
