using Orders.Grains.Payments;

namespace Orders.Tests.Infrastructure;

public static class TestPayments
{
    /// <summary>The simulated provider's books, shared by every test silo in this process.</summary>
    public static readonly SimulatedPaymentLedger Ledger = new();

    /// <summary>A setting that gives each test silo books of its own instead of <see cref="Ledger"/>.</summary>
    public const string SeparateBooks = "Tests:SeparatePaymentBooks";
}
