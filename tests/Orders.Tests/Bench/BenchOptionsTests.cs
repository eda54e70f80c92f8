using Orders.Bench;

namespace Orders.Tests.Bench;

/// <summary>The load generator refuses, by name, an option that would leave it nothing to measure.</summary>
public sealed class BenchOptionsTests
{
    [Theory]
    [InlineData("--duration")]
    [InlineData("--concurrency")]
    [InlineData("--connections")]
    [InlineData("--products")]
    public void A_count_that_must_be_at_least_one_is_refused_at_zero(string option)
    {
        var refused = Assert.Throws<ArgumentException>(() => BenchOptions.Parse([option, "0"]));

        Assert.Equal($"{option} takes at least 1, not '0'", refused.Message);
    }

    [Fact]
    public void Zero_warm_up_and_zero_rate_are_taken_as_none_and_the_closed_loop()
    {
        var options = BenchOptions.Parse(["--warmup", "0", "--rate", "0", "--duration", "1"]);

        Assert.Equal((TimeSpan.Zero, 0, TimeSpan.FromSeconds(1)), (options.Warmup, options.Rate, options.Duration));
    }
}
