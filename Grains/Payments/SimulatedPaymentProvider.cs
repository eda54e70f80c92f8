using Microsoft.Extensions.Options;

namespace Orders.Grains.Payments;

/// <summary>The built-in provider: deterministic rules (see <see cref="SimulatedPaymentOptions"/>) over an in-memory ledger.</summary>
public sealed class SimulatedPaymentProvider(SimulatedPaymentLedger ledger, IOptions<SimulatedPaymentOptions> options, TimeProvider clock) : IPaymentProvider
{
    public async Task<ChargeResult> Charge(string idempotencyKey, string customerId, Money amount, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        if (customerId.StartsWith(rules.SlowCustomerPrefix, StringComparison.Ordinal))
            await Task.Delay(rules.SlowLatency, clock, cancellationToken).ConfigureAwait(false);
        var entry = await Answer(idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (customerId.StartsWith(rules.FlakyCustomerPrefix, StringComparison.Ordinal) && entry.Calls <= rules.FlakyFailures)
            throw new PaymentProviderUnavailableException("the payment provider timed out (simulated)");

        var result = entry.Decide(customerId, amount, () =>
            customerId.StartsWith(rules.DeclinedCustomerPrefix, StringComparison.Ordinal) ? ChargeResult.Declined("card declined")
            : amount.MinorUnits > rules.DeclineAboveMinorUnits ? ChargeResult.Declined("amount over the card's limit")
            : ChargeResult.Approved($"ch_{Guid.NewGuid():N}"));
        if (customerId.StartsWith(rules.LostAnswerCustomerPrefix, StringComparison.Ordinal))
            throw new PaymentProviderUnavailableException("the charge was decided but its answer was lost (simulated)");
        return result;
    }

    public async Task<string?> Refund(string idempotencyKey, CancellationToken cancellationToken)
    {
        var entry = await Answer(idempotencyKey, cancellationToken).ConfigureAwait(false);
        return entry.RefundOrVoid($"re_{Guid.NewGuid():N}");
    }

    private async Task<SimulatedPaymentLedger.LedgerEntry> Answer(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (options.Value.Latency > TimeSpan.Zero)
            await Task.Delay(options.Value.Latency, clock, cancellationToken).ConfigureAwait(false);
        var entry = ledger[idempotencyKey];
        entry.Call();
        if (ledger.Outage)
            throw new PaymentProviderUnavailableException("the payment provider is down (simulated)");
        return entry;
    }
}
