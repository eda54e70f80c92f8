using Orleans.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Called by the pulling agent when it gives up on an event. It never does so by time here
/// (<see cref="PoisonEvents"/> decides when an event is poison), only when it stops: this silo is
/// stopping, or the queue was handed to another silo, and its calls fail with "the local host is
/// shutting down". The event is left queued, unacknowledged, for the queue's next reader.
/// </summary>
internal sealed partial class LeaveQueuedOnFailure(ReadTokens tokens, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        // Without a token (its row settled, or its reader handed the queue back) there is no row to leave.
        if (sequenceToken is not null && tokens.RowOf(sequenceToken) is { } rowId)
        {
            // Forgotten, the row is not acknowledged when the agent moves past it (MessagesDeliveredAsync).
            tokens.Forget(sequenceToken);
            LogLeftQueued(logger, streamId, rowId);
        }
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, streamId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of event row {RowId} on {StreamId} was cut short by its reader stopping; it stays queued for the queue's next reader")]
    private static partial void LogLeftQueued(ILogger logger, StreamId streamId, long rowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscribing to {StreamId} failed")]
    private static partial void LogSubscriptionFailed(ILogger logger, StreamId streamId);
}
