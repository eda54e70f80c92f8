namespace Orders.Grains.Payments;

/// <summary>
/// One bucket of the simulated provider's books, chosen by the idempotency key
/// (<see cref="SimulatedPaymentBooks.Of"/>), so that every silo's provider asks the same books
/// about a key, as every client of a real processor reaches one processor. Each call counts under
/// its key; a call the provider fails before deciding anything answers only why.
/// </summary>
public interface ISimulatedPaymentBooks : IGrainWithIntegerKey
{
    /// <summary>
    /// The charge under <paramref name="key"/>: decided <paramref name="ifFirst"/> by the first
    /// call that gets that far, the same answer to every later one, and
    /// <see cref="ChargeResult.KeyTaken"/> to a call for another customer or amount. The first
    /// <paramref name="failingCalls"/> calls under the key fail (a flaky bank's timeouts).
    /// </summary>
    Task<SimulatedAnswer> Charge(string key, string customerId, Money amount, ChargeResult ifFirst, int failingCalls);

    /// <summary>
    /// Refunds the charge under <paramref name="key"/> once, answering the refund's reference
    /// (<paramref name="reference"/> the first time) as approved; with nothing charged it voids the
    /// key and answers <see cref="ChargeResult.NothingCharged"/>.
    /// </summary>
    Task<SimulatedAnswer> Refund(string key, string reference);
}
