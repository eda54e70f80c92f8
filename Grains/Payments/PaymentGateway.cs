using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Orders.Grains.Payments;

/// <summary>
/// The payment provider behind the resilience pipeline (retry with backoff, circuit breaker,
/// per-attempt timeout). It turns every transient trouble, including an open circuit, into
/// <see cref="ChargeOutcome.NotNow"/>, so its caller (an order charging, a payment refunding)
/// schedules a later try instead of failing what asked for it. Its awaits do not come back to the caller's scheduler: an
/// order calls it from its own turn, and the call, once it waits on the provider, goes on
/// beside the order (whose activation may even leave meanwhile) rather than in its turns.
/// </summary>
public sealed class PaymentGateway(IPaymentProvider provider, ResiliencePipelineProvider<string> pipelines, CircuitBreakerStateProvider circuit)
{
    public const string Pipeline = "payments";

    private readonly ResiliencePipeline pipeline = pipelines.GetPipeline(Pipeline);

    public CircuitState Circuit => circuit.CircuitState;

    public Task<ChargeOutcome> Charge(string orderId, string customerId, Money amount) =>
        Protected(async token => ChargeOutcome.Answered(await provider.Charge(orderId, customerId, amount, token).ConfigureAwait(false)));

    public Task<ChargeOutcome> Refund(string orderId) =>
        Protected(async token => ChargeOutcome.Answered(
            await provider.Refund(orderId, token).ConfigureAwait(false) is { } reference ? ChargeResult.Approved(reference) : ChargeResult.NothingCharged));

    private async Task<ChargeOutcome> Protected(Func<CancellationToken, Task<ChargeOutcome>> call)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (Exception failure) when (IsTransient(failure) || failure is BrokenCircuitException)
        {
            return ChargeOutcome.NotNow(failure.Message);
        }
    }

    public static bool IsTransient(Exception failure) => failure is PaymentProviderUnavailableException or TimeoutRejectedException;
}
