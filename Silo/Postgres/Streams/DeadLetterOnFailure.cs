using Orleans.Streams;
using Polly;
using Polly.Retry;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Called by the pulling agent when a subscriber has failed an event on every attempt of the
/// delivery window. The event moves to the dead letters with the reason, and the subscription
/// carries on with the stream's next event. While this silo is stopping, or once the queue was
/// handed to another silo, the agent gives up at once (its calls fail with "the local host is
/// shutting down"; a stopped agent does not retry), so the event is left queued instead, for the
/// silo that takes the queue over to read again.
/// </summary>
internal sealed partial class DeadLetterOnFailure(NpgsqlDataSource database, ReadTokens tokens, PostgresStreamOptions options, ILogger logger, CancellationToken siloStopping)
    : IStreamFailureHandler
{
    /// <summary>
    /// A burial that fails (the database away for a moment) is tried again: the row it leaves
    /// queued is not read again by this reader, and the queue's next reader brings it after its
    /// stream's later events, which its consumer has applied, so it would be dropped as a repeat
    /// instead of kept in the dead letters.
    /// </summary>
    private static readonly ResiliencePipeline BurialRetries = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 4, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Exponential })
        .Build();

    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        // Without a token (its row settled, or its reader handed the queue back) there is no row to
        // move: an unacknowledged row stays queued and is read again by the queue's next reader.
        if (sequenceToken is null || tokens.RowOf(sequenceToken) is not { } rowId)
            return;

        // Forgotten, the row is not acknowledged when the agent moves past it (MessagesDeliveredAsync),
        // whether it is buried now, left for the next reader, or the burial fails and it stays queued.
        tokens.Forget(sequenceToken);
        if (siloStopping.IsCancellationRequested)
        {
            LogDeliveryCutShort(logger, streamId, rowId);
            return;
        }

        LogDeliveryFailed(logger, streamId, rowId);
        // The agent gives up by time, not by count: a slow first delivery (the subscriber's
        // activation) leaves room for fewer attempts, so the reason names the window.
        var reason = $"subscriber {subscriptionId} failed every delivery for {options.DeliveryWindow} (up to {options.MaxAttempts}, {options.RetryDelay} apart)";
        try
        {
            await BurialRetries.ExecuteAsync(async cancellationToken =>
            {
                await using var command = database.Statement(StreamSql.Bury, rowId, reason);
                await command.ExecuteNonQueryAsync(cancellationToken);
            });
        }
        catch (Exception failure)
        {
            LogBurialFailed(logger, failure, streamId, rowId);
        }
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, streamId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of event row {RowId} on {StreamId} failed on every attempt; it moves to the dead letters")]
    private static partial void LogDeliveryFailed(ILogger logger, StreamId streamId, long rowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event row {RowId} on {StreamId} failed every delivery and could not be moved to the dead letters; it stays in stream_events, where its consumer will take it for a repeat: move it by hand")]
    private static partial void LogBurialFailed(ILogger logger, Exception failure, StreamId streamId, long rowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of event row {RowId} on {StreamId} was cut short by this silo stopping; it stays queued for the queue's next reader")]
    private static partial void LogDeliveryCutShort(ILogger logger, StreamId streamId, long rowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscribing to {StreamId} failed")]
    private static partial void LogSubscriptionFailed(ILogger logger, StreamId streamId);
}
