namespace Orders.Grains.Payments;

/// <summary>
/// A bucket of the simulated provider's books. Its entries are kept in the ledger of the silo it
/// is active on (<see cref="SimulatedPaymentLedger"/>, which test silos share so that tests can
/// count charges wherever they were made); the bucket is never collected while idle, so it leaves
/// that silo only with the silo, whose books go with it, as a simulation's may. Shared by every
/// silo's provider, it keeps one activation while silos join (<see cref="DirectoryNames.SingleActivation"/>):
/// a second one would keep books of its own and charge a key again.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed class SimulatedPaymentBooks(SimulatedPaymentLedger ledger) : Grain, ISimulatedPaymentBooks
{
    public const int Buckets = 64;

    /// <summary>The bucket that keeps <paramref name="key"/>'s entry, the same from every silo.</summary>
    public static ISimulatedPaymentBooks Of(IGrainFactory grains, string key)
    {
        // FNV-1a: string.GetHashCode differs from process to process.
        var hash = 2166136261u;
        foreach (var character in key)
            hash = (hash ^ character) * 16777619u;
        return grains.GetGrain<ISimulatedPaymentBooks>(hash % Buckets);
    }

    Task<SimulatedAnswer> ISimulatedPaymentBooks.Charge(string key, string customerId, Money amount, ChargeResult ifFirst, int failingCalls)
    {
        var entry = ledger[key];
        return Task.FromResult(Failure(entry.Call(), failingCalls) is { } why
            ? SimulatedAnswer.Failed(why)
            : SimulatedAnswer.Answered(entry.Decide(customerId, amount, ifFirst)));
    }

    Task<SimulatedAnswer> ISimulatedPaymentBooks.Refund(string key, string reference)
    {
        var entry = ledger[key];
        return Task.FromResult(Failure(entry.Call(), failingCalls: 0) is { } why
            ? SimulatedAnswer.Failed(why)
            : SimulatedAnswer.Answered(entry.RefundOrVoid(reference) is { } refund ? ChargeResult.Approved(refund) : ChargeResult.NothingCharged));
    }

    /// <summary>Why the provider fails the <paramref name="calls"/>th call under a key, if it does.</summary>
    private string? Failure(int calls, int failingCalls) =>
        ledger.Outage ? "the payment provider is down (simulated)"
        : calls <= failingCalls ? "the payment provider timed out (simulated)"
        : null;
}
