using Orleans.Streams;

namespace Orders.Silo.Memory.Streams;

/// <summary>
/// Called by dev mode's pulling agent when it gives up on an event: its subscriber failed it for
/// the agent's whole delivery time (a minute). Dev mode keeps no dead letters, and the event has
/// left its queue, so the error names what is lost; without it the event went silently. The agent
/// also gives up at once on the deliveries under way as the silo stops: those are dropped with
/// everything else dev mode holds, which the stop asked for, and are no subscriber's failure.
/// </summary>
internal sealed partial class LogDroppedEvents(ILogger logger, CancellationToken siloStopping) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        if (siloStopping.IsCancellationRequested)
            LogDroppedByTheStop(logger, streamId, sequenceToken);
        else
            LogDropped(logger, streamId, sequenceToken);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, streamId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An event on {StreamId} ({Token}) was failed by its subscriber until the pulling agent gave up on it; dev mode keeps no dead letters, so it is dropped")]
    private static partial void LogDropped(ILogger logger, StreamId streamId, StreamSequenceToken? token);

    [LoggerMessage(Level = LogLevel.Information, Message = "An event on {StreamId} ({Token}) under delivery as the silo stopped is dropped with the rest of dev mode's memory")]
    private static partial void LogDroppedByTheStop(ILogger logger, StreamId streamId, StreamSequenceToken? token);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscribing to {StreamId} failed")]
    private static partial void LogSubscriptionFailed(ILogger logger, StreamId streamId);
}
