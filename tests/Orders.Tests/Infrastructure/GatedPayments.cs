using System.Collections.Concurrent;
using Orders.Grains.Payments;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// The simulated provider in every test silo, whose answer to a charge a test may hold back once
/// the charge is decided: the provider has taken the money, and its caller does not know yet. A
/// key no test holds is answered at once.
/// </summary>
public sealed class GatedPayments(SimulatedPaymentProvider provider) : IPaymentProvider
{
    private static readonly ConcurrentDictionary<string, Hold> Held = new(StringComparer.Ordinal);

    /// <summary>Holds back the answer to the next charge under <paramref name="idempotencyKey"/>.</summary>
    public static Hold HoldNextAnswer(string idempotencyKey) => Held[idempotencyKey] = new Hold();

    public async Task<ChargeResult> Charge(string idempotencyKey, string customerId, Money amount, CancellationToken cancellationToken)
    {
        var result = await provider.Charge(idempotencyKey, customerId, amount, cancellationToken);
        if (Held.TryRemove(idempotencyKey, out var held))
            await held.Wait();
        return result;
    }

    public Task<string?> Refund(string idempotencyKey, CancellationToken cancellationToken) => provider.Refund(idempotencyKey, cancellationToken);
}
