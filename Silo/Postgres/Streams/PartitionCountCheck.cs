namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Keeps a provider's partition count from changing under queued events. A stream's queue is a
/// hash of its id over the count, so with another count the events already queued sit where no
/// reader looks (fewer partitions) or are read beside the stream's newer events, out of order
/// (more): a consumer that has applied a later event then takes an earlier one for a repeat.
/// The count may change once the queues are empty; a silo started with another count while
/// events wait, or while any wait in a partition its count has not, refuses to start and says why.
/// </summary>
internal sealed class PartitionCountCheck(NpgsqlDataSource database, string queuePrefix, int partitions) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PartitionCountCheck), ServiceLifecycleStage.RuntimeInitialize, Verify);

    public async Task Verify(CancellationToken cancellationToken)
    {
        await using var command = database.Statement(StreamSql.PartitionCount, queuePrefix, partitions);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var stored = await reader.IsDBNullAsync(0, cancellationToken) ? (int?)null : reader.GetInt32(0);
            var (anyQueued, queuedBeyond) = (reader.GetBoolean(1), reader.GetBoolean(2));
            if (queuedBeyond)
                throw Refused($"events of '{queuePrefix}' are still queued in partitions beyond it (another silo runs with more)");
            if (stored is { } earlier && earlier != partitions && anyQueued)
                throw Refused($"events of '{queuePrefix}' are still queued under the earlier {earlier}: start with {earlier} until stream_events holds none of them");
            if (stored == partitions)
                return;
        }

        await using var store = database.Statement(StreamSql.StorePartitionCount, queuePrefix, partitions);
        await store.ExecuteNonQueryAsync(cancellationToken);
    }

    private InvalidOperationException Refused(string why) =>
        new($"Streams:Partitions is {partitions}, but {why}, then change it (docs/streams.md).");
}
