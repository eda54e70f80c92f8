using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Streams;

/// <summary>The stream provider's options, checked as the silo starts (a cluster-mode silo alone reads them).</summary>
public sealed class StreamOptionsTests
{
    [Fact]
    public void Counts_below_one_and_durations_not_above_zero_are_named_with_their_keys()
    {
        var options = new PostgresStreamOptions { WriteBatchSize = 0, Partitions = -1, PollInterval = TimeSpan.Zero };

        Assert.Equal(
            [
                "Streams:Partitions must be at least 1 (it is -1)",
                "Streams:WriteBatchSize must be at least 1 (it is 0)",
                "Streams:PollInterval must be positive (it is 00:00:00)",
            ],
            options.Problems("Streams"));
        Assert.Empty(new PostgresStreamOptions().Problems("Streams"));
    }
}
