using Microsoft.Extensions.Options;
using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Persistence;

/// <summary>A stream provider's partition count changes only while none of its events are queued.</summary>
public sealed class PartitionCountTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_silo_with_another_partition_count_refuses_to_start_while_events_are_queued_under_the_first()
    {
        var prefix = NewPrefix();
        await Start(prefix, partitions: 8);
        await QueueOne($"{prefix}/3");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(prefix, partitions: 4));
        await Start(prefix, partitions: 8);         // the count the events were queued under still starts
        await Drain(prefix);
        await Start(prefix, partitions: 4);         // with the queues empty the count may change

        Assert.Equal(
            $"Streams:Partitions is 4, but events of '{prefix}' are still queued under the earlier 8: " +
            "start with 8 until stream_events holds none of them, then change it (docs/streams.md).",
            refused.Message);
        await QueueOne($"{prefix}/2");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Start(prefix, partitions: 8));
    }

    [Fact]
    public async Task A_silo_refuses_to_start_while_events_wait_in_a_partition_its_count_does_not_read()
    {
        // Another silo, still on the larger count, queued there after this count was stored.
        var prefix = NewPrefix();
        await Start(prefix, partitions: 4);
        await QueueOne($"{prefix}/6");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(prefix, partitions: 4));

        Assert.Contains("still queued in partitions beyond it", refused.Message, StringComparison.Ordinal);
    }

    private static string NewPrefix() => $"{Unique.Id("service")}/{StreamNames.Provider}";

    private async Task QueueOne(string queue)
    {
        await using var writer = new StreamEventWriter(db.Database, Options.Create(new PostgresStreamOptions()));
        await writer.Write(new QueuedEvent(queue, "namespace", "key", [1]));
    }

    private Task Start(string prefix, int partitions) => new PartitionCountCheck(db.Database, prefix, partitions).Verify(CancellationToken.None);

    private async Task Drain(string prefix)
    {
        await using var command = db.Database.Statement("DELETE FROM stream_events WHERE queue LIKE $1 || '/%'", prefix);
        await command.ExecuteNonQueryAsync();
    }
}
