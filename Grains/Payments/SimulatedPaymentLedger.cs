using System.Collections.Concurrent;

namespace Orders.Grains.Payments;

/// <summary>
/// The simulated provider's books: what it charged and refunded under each idempotency key, and
/// how often it was asked. One per process, holding the entries of the book buckets active there
/// (<see cref="SimulatedPaymentBooks"/>); tests share one across their silos and read it to count
/// charges.
/// </summary>
public sealed class SimulatedPaymentLedger
{
    private readonly ConcurrentDictionary<string, LedgerEntry> entries = new(StringComparer.Ordinal);

    private volatile bool outage;

    /// <summary>While set, every call fails as if the provider were down.</summary>
    public bool Outage
    {
        get => outage;
        set => outage = value;
    }

    public LedgerEntry this[string idempotencyKey] => entries.GetOrAdd(idempotencyKey, _ => new LedgerEntry());

    public sealed class LedgerEntry
    {
        private int calls;
        private int charges;
        private int refunds;

        /// <summary>Who the first charge under the key was for, and how much; null before one, or if the key was voided first.</summary>
        private (string CustomerId, Money Amount)? firstCharge;

        public int Calls => calls;

        /// <summary>Charges actually made: more than one would be a double charge.</summary>
        public int Charges => charges;

        public int Refunds => refunds;

        public ChargeResult? Result { get; private set; }

        public string? RefundReference { get; private set; }

        internal int Call() => Interlocked.Increment(ref calls);

        internal ChargeResult Decide(string customerId, Money amount, ChargeResult ifFirst)
        {
            lock (this)
            {
                if (Result is null)
                {
                    firstCharge = (customerId, amount);
                    Result = ifFirst;
                    if (Result.Reference is not null)
                        charges++;
                }
                return firstCharge is { } first && first != (customerId, amount) ? ChargeResult.KeyTaken : Result;
            }
        }

        /// <summary>Refunds the charge once; with nothing charged, voids the key so that no charge follows, and answers null.</summary>
        internal string? RefundOrVoid(string reference)
        {
            lock (this)
            {
                Result ??= ChargeResult.Declined("voided before it was charged");
                if (Result.Reference is null)
                    return null;
                if (RefundReference is null)
                {
                    RefundReference = reference;
                    refunds++;
                }
                return RefundReference;
            }
        }
    }
}
