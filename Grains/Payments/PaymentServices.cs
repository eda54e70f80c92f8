using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Orders.Grains.Payments;

public static class PaymentServices
{
    /// <summary>
    /// The payment gateway and its pipeline, and the simulated provider unless another
    /// <see cref="IPaymentProvider"/> is registered first.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<PaymentResilienceOptions>(configuration.GetSection(PaymentResilienceOptions.Section));
        services.AddCheckedOptions<SimulatedPaymentOptions>(configuration.GetSection(SimulatedPaymentOptions.Section));
        services.TryAddSingleton<SimulatedPaymentLedger>();
        services.TryAddSingleton<IPaymentProvider, SimulatedPaymentProvider>();
        services.TryAddSingleton<CircuitBreakerStateProvider>();
        services.TryAddSingleton<PaymentGateway>();
        services.AddResiliencePipeline(PaymentGateway.Pipeline, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PaymentResilienceOptions>>().Value;
            var transient = new PredicateBuilder().Handle<Exception>(PaymentGateway.IsTransient);
            // Polly's retry takes one retry at least: none is no retry strategy at all.
            if (options.Retries > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = transient,
                    MaxRetryAttempts = options.Retries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
            }
            pipeline
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = transient,
                    FailureRatio = options.FailureRatio,
                    MinimumThroughput = options.MinimumThroughput,
                    SamplingDuration = options.SamplingDuration,
                    BreakDuration = options.BreakDuration,
                    StateProvider = context.ServiceProvider.GetRequiredService<CircuitBreakerStateProvider>(),
                })
                .AddTimeout(options.AttemptTimeout);
        });
        return services;
    }
}
