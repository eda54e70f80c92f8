using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Streams;

/// <summary>The stream provider's options, checked as the silo starts (a cluster-mode silo alone reads them).</summary>
public sealed class StreamOptionsTests
{
    [Fact]
    public void Counts_below_one_and_durations_not_above_zero_or_too_long_are_named_with_their_keys()
    {
        var options = new PostgresStreamOptions { WriteBatchSize = 0, Partitions = -1, PollInterval = TimeSpan.Zero, Retention = TimeSpan.MaxValue };

        Assert.Equal(
            [
                "Streams:Partitions must be at least 1 (it is -1)",
                "Streams:WriteBatchSize must be at least 1 (it is 0)",
                "Streams:PollInterval must be positive and at most 49.17:02:47.2940000 (it is 00:00:00)",
                "Streams:Retention must be positive and at most 36500.00:00:00 (it is 10675199.02:48:05.4775807)",
            ],
            options.Problems("Streams"));
        Assert.Empty(new PostgresStreamOptions().Problems("Streams"));
    }
}
