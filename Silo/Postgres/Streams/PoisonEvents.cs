using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Serialization.Invocation;
using Orleans.Storage;
using Orleans.Streams;
using Orders.Silo.Hosting;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Decides when an event its subscriber keeps failing is poison, and moves it to the dead letters.
/// Orleans' pulling agent gives up on an event only by time (its <c>MaxEventDeliveryTime</c>), so
/// PostgreSQL away for longer than that window failed every stream's next event for good: moved to
/// the dead letters though nothing was wrong with it, or, with the burial failing too, left queued
/// to come back after its stream's later events and be dropped by its consumer as a repeat. The
/// agent here never gives up by time; this filter watches its calls that deliver this provider's
/// events and counts a subscriber's failures of one event, but only those that are not an outage:
/// while the cluster cannot reach the subscriber, or the database does not answer, the event waits
/// with its stream's later events behind it, however long that lasts. At
/// <see cref="PostgresStreamOptions.MaxAttempts"/> failures the event is buried and the agent told
/// it was delivered, so its stream goes on; a burial that fails leaves it to be delivered again.
/// </summary>
/// <remarks>
/// A subscriber that never answers in time (a handler that hangs past the response timeout) is an
/// outage too: its event holds its stream, and once the agent's cache is full its whole queue,
/// until the subscriber answers; a warning names the event every twelve such failures. An
/// outgoing filter runs for every grain call this silo makes, so it returns at once for any call
/// that is not such a delivery (measured: no cost the benchmark sees, docs/benchmark-history.md).
/// </remarks>
internal sealed partial class PoisonEvents(
    string provider, ReadTokens tokens, NpgsqlDataSource database, PostgresStreamOptions options, ILogger<PoisonEvents> logger)
    : IOutgoingGrainCallFilter
{
    /// <summary>The agent's call on a subscriber (Orleans' internal <c>IStreamConsumerExtension</c>) that delivers a batch.</summary>
    private const string Deliver = "DeliverBatch";

    /// <summary>How long a database that does not answer may take before it counts as away.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>An outage's failed deliveries of one event between two warnings: a minute apart at the default <see cref="PostgresStreamOptions.RetryDelay"/>.</summary>
    private const int OutageFailuresPerWarning = 12;

    /// <summary>Per subscriber and event under way: the failures counted against the event, and those an outage caused.</summary>
    private readonly ConcurrentDictionary<(GuidId Subscription, long Token), (int Counted, int Outage)> failures = new();

    public Task Invoke(IOutgoingGrainCallContext context) =>
        context.MethodName == Deliver && Delivery(context.Request) is { } delivery
            ? Watch(context, delivery)
            : context.Invoke();

    private async Task Watch(IOutgoingGrainCallContext context, (GuidId Subscription, PostgresBatchContainer Batch) delivery)
    {
        try
        {
            await context.Invoke();
            failures.TryRemove((delivery.Subscription, delivery.Batch.Token.SequenceNumber), out _);
        }
        catch (Exception failure)
        {
            if (!await Buried(delivery.Subscription, delivery.Batch, failure))
                throw;
            // Delivered, as far as the agent knows: the stream's next event goes next.
            context.Result = null;
        }
    }

    /// <summary>
    /// Counts a failed delivery of <paramref name="batch"/> to <paramref name="subscription"/>,
    /// unless it is an outage, and buries the event once it failed <see cref="PostgresStreamOptions.MaxAttempts"/>
    /// times: whether it was buried, so the agent may move past it.
    /// </summary>
    internal async Task<bool> Buried(GuidId subscription, PostgresBatchContainer batch, Exception failure)
    {
        ForgetSettled();
        var key = (subscription, batch.Token.SequenceNumber);
        if (PassingFailures.Is(failure) || !await DatabaseAnswers())
        {
            var waited = failures.AddOrUpdate(key, (0, 1), (_, before) => before with { Outage = before.Outage + 1 });
            if (waited.Outage % OutageFailuresPerWarning == 1)
                LogOutage(logger, failure, batch.StreamId, batch.RowId, waited.Outage);
            return false;
        }

        var failed = failures.AddOrUpdate(key, (1, 0), (_, before) => before with { Counted = before.Counted + 1 });
        if (failed.Counted < options.MaxAttempts || !await Bury(subscription, batch, failed.Counted, failure))
            return false;
        failures.TryRemove(key, out _);
        return true;
    }

    /// <summary>
    /// Drops the counts of events no longer out with this silo (left queued as its agent stopped, or
    /// settled past a failure): looked at only as a delivery fails, so they are few.
    /// </summary>
    private void ForgetSettled()
    {
        foreach (var key in failures.Keys)
        {
            if (!tokens.IsOut(key.Token))
                failures.TryRemove(key, out _);
        }
    }

    /// <summary>The subscription and batch of a delivery of this provider's events; null for anything else.</summary>
    private (GuidId, PostgresBatchContainer)? Delivery(IInvokable request)
    {
        GuidId? subscription = null;
        PostgresBatchContainer? batch = null;
        var ours = false;
        for (var index = 0; index < request.GetArgumentCount(); index++)
        {
            switch (request.GetArgument(index))
            {
                case GuidId id:
                    subscription = id;
                    break;
                case PostgresBatchContainer container:
                    batch = container;
                    break;
                case QualifiedStreamId stream:
                    ours = stream.ProviderName == provider;
                    break;
            }
        }
        return ours && subscription is not null && batch is not null ? (subscription, batch) : null;
    }

    /// <summary>
    /// Whether the database answers now, asked only after a failed delivery: a subscriber that
    /// cannot read or store its state while it is away is not failing the event.
    /// </summary>
    private async Task<bool> DatabaseAnswers()
    {
        try
        {
            using var deadline = new CancellationTokenSource(ProbeTimeout);
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(deadline.Token);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves the event's row to the dead letters with the last failure as its reason, if this
    /// silo's reader still has it out (otherwise it is the queue's next reader's). Once buried,
    /// the row is not acknowledged when the agent moves past it.
    /// </summary>
    private async Task<bool> Bury(GuidId subscription, PostgresBatchContainer batch, int failed, Exception failure)
    {
        if (tokens.RowOf(batch.Token) is not { } rowId)
            return false;
        var reason = $"subscriber {subscription} failed {failed} deliveries ({options.RetryDelay} apart) with the database answering; the last: {failure.GetType().Name}: {failure.Message}";
        bool moved;
        try
        {
            moved = await database.Bury(rowId, reason, DeadLetters.Poison);
        }
        catch (Exception burialFailure)
        {
            LogBurialFailed(logger, burialFailure, batch.StreamId, rowId);
            return false;
        }

        tokens.Forget(batch.Token);
        // Not moved: the row had left its queue already (a reader that took the queue over acknowledged it).
        if (moved)
            LogBuried(logger, failure, batch.StreamId, rowId, failed);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event row {RowId} on {StreamId} failed {Failed} deliveries with the database answering; it moved to the dead letters")]
    private static partial void LogBuried(ILogger logger, Exception failure, StreamId streamId, long rowId, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event row {RowId} on {StreamId} waits out an outage ({Failed} failed deliveries so far, not counted against it); its stream's later events wait behind it")]
    private static partial void LogOutage(ILogger logger, Exception failure, StreamId streamId, long rowId, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event row {RowId} on {StreamId} could not be moved to the dead letters; it is delivered again, and buried at its next failure")]
    private static partial void LogBurialFailed(ILogger logger, Exception failure, StreamId streamId, long rowId);
}
