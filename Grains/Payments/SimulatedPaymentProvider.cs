using Microsoft.Extensions.Options;

namespace Orders.Grains.Payments;

/// <summary>
/// The built-in provider: deterministic rules (see <see cref="SimulatedPaymentOptions"/>) over books
/// shared by every silo (<see cref="SimulatedPaymentBooks"/>), so that a refund asked on one silo
/// finds the charge another made, and a charge asked again anywhere is taken once.
/// </summary>
public sealed class SimulatedPaymentProvider(IGrainFactory grains, IOptions<SimulatedPaymentOptions> options, TimeProvider clock) : IPaymentProvider
{
    public async Task<ChargeResult> Charge(string idempotencyKey, string customerId, Money amount, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        if (customerId.StartsWith(rules.SlowCustomerPrefix, StringComparison.Ordinal))
            await Task.Delay(rules.SlowLatency, clock, cancellationToken).ConfigureAwait(false);
        await Latency(cancellationToken).ConfigureAwait(false);
        var ifFirst = customerId.StartsWith(rules.DeclinedCustomerPrefix, StringComparison.Ordinal) ? ChargeResult.Declined("card declined")
            : amount.MinorUnits > rules.DeclineAboveMinorUnits ? ChargeResult.Declined("amount over the card's limit")
            : ChargeResult.Approved($"ch_{Guid.NewGuid():N}");
        var failingCalls = customerId.StartsWith(rules.FlakyCustomerPrefix, StringComparison.Ordinal) ? rules.FlakyFailures : 0;
        var result = Taken(await Reached(SimulatedPaymentBooks.Of(grains, idempotencyKey).Charge(idempotencyKey, customerId, amount, ifFirst, failingCalls)).ConfigureAwait(false));
        if (customerId.StartsWith(rules.LostAnswerCustomerPrefix, StringComparison.Ordinal))
            throw new PaymentProviderUnavailableException("the charge was decided but its answer was lost (simulated)");
        return result;
    }

    public async Task<string?> Refund(string idempotencyKey, CancellationToken cancellationToken)
    {
        await Latency(cancellationToken).ConfigureAwait(false);
        return Taken(await Reached(SimulatedPaymentBooks.Of(grains, idempotencyKey).Refund(idempotencyKey, $"re_{Guid.NewGuid():N}")).ConfigureAwait(false)).Reference;
    }

    private Task Latency(CancellationToken cancellationToken) =>
        options.Value.Latency > TimeSpan.Zero ? Task.Delay(options.Value.Latency, clock, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// The books' answer; a bucket out of reach (its silo just died, a call timed out) is the
    /// provider unavailable, as a real provider's outage is, for the pipeline to retry and the
    /// caller to try later, not a failure of the order's placement or refund.
    /// </summary>
    private static async Task<SimulatedAnswer> Reached(Task<SimulatedAnswer> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception outage) when (outage is OrleansMessageRejectionException or TimeoutException)
        {
            throw new PaymentProviderUnavailableException($"the provider's books did not answer: {outage.Message}", outage);
        }
    }

    /// <summary>The books' answer, or the failure they simulated thrown as the provider's being unavailable.</summary>
    private static ChargeResult Taken(SimulatedAnswer answer) =>
        answer.Result ?? throw new PaymentProviderUnavailableException(answer.Failure ?? "no answer");
}
