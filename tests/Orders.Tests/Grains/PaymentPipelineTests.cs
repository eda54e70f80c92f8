using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Payments;
using Polly.Registry;

namespace Orders.Tests.Grains;

/// <summary>The pipeline around the payment provider is built from every setting its check lets through.</summary>
public sealed class PaymentPipelineTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    public void The_pipeline_is_built_with_any_number_of_retries_the_check_allows(string retries)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{PaymentResilienceOptions.Section}:Retries"] = retries,
        }).Build();
        using var services = new ServiceCollection().AddPayments(settings).BuildServiceProvider();

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PaymentResilienceOptions>>().Value;
        var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(PaymentGateway.Pipeline);

        Assert.Empty(options.Problems(PaymentResilienceOptions.Section));
        Assert.NotNull(pipeline);
    }

    [Fact]
    public void More_retries_than_ten_are_refused_by_key() =>
        Assert.Equal(
            ["Payments:Resilience:Retries must be between 0 and 10 (it is 11)"],
            new PaymentResilienceOptions { Retries = 11 }.Problems(PaymentResilienceOptions.Section));
}
