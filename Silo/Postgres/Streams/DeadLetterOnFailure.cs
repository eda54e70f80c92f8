using Orleans.Runtime;
using Orleans.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Called by the pulling agent when a subscriber has kept failing an event for the maximum
/// delivery time. The event is queued again for a later attempt, or moved to the dead letters
/// once it has had them all; the subscription itself carries on with the next event.
/// </summary>
internal sealed partial class DeadLetterOnFailure(NpgsqlDataSource database, PostgresStreamOptions options, ILogger logger)
    : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        if (sequenceToken is null)
            return;

        LogDeliveryFailed(logger, streamId, sequenceToken.SequenceNumber);
        await using var command = database.CreateCommand(StreamSql.Fail);
        command.Parameters.Add(new NpgsqlParameter { Value = sequenceToken.SequenceNumber });
        command.Parameters.Add(new NpgsqlParameter { Value = options.MaxAttempts });
        command.Parameters.Add(new NpgsqlParameter { Value = $"subscriber {subscriptionId} failed it {options.MaxAttempts} times" });
        command.Parameters.Add(new NpgsqlParameter { Value = options.RetryDelay });
        await command.ExecuteNonQueryAsync();
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, streamId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of event row {RowId} on {StreamId} failed; it is retried or dead-lettered")]
    private static partial void LogDeliveryFailed(ILogger logger, StreamId streamId, long rowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscribing to {StreamId} failed")]
    private static partial void LogSubscriptionFailed(ILogger logger, StreamId streamId);
}
