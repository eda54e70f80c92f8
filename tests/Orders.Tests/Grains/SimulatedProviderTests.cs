using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Payments;

namespace Orders.Tests.Grains;

/// <summary>
/// The simulated provider stands for one processor that every silo reaches. Here each silo keeps
/// books of its own, as in production (not the tests' shared ones), and a key's calls from any
/// silo still meet one entry: a refund finds a charge another silo made, and a charge asked again
/// elsewhere is answered, not made twice.
/// </summary>
public sealed class SimulatedProviderTests
{
    [Fact]
    public async Task A_charge_made_through_one_silo_is_answered_again_and_refunded_through_another()
    {
        await using var cluster = await OrdersCluster.StartAsync(settings: new Dictionary<string, string?> { [TestPayments.SeparateBooks] = "true" });
        var (first, second) = (Provider(cluster.Silos[0]), Provider(cluster.Silos[1]));
        var (key, amount) = (Unique.Id("order"), new Money(1250, "EUR"));

        var charged = await first.Charge(key, "alice", amount, CancellationToken.None);
        var chargedAgain = await second.Charge(key, "alice", amount, CancellationToken.None);
        var refunded = await second.Refund(key, CancellationToken.None);
        var refundedAgain = await first.Refund(key, CancellationToken.None);

        Assert.NotNull(charged.Reference);
        Assert.Equal(charged, chargedAgain);
        Assert.NotNull(refunded);
        Assert.Equal(refunded, refundedAgain);
    }

    private static IPaymentProvider Provider(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IPaymentProvider>();
}
