using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Orders.Grains.Orders;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// What the orders of a test cluster logged, on every silo: the lines support would search for an
/// order that ended without anyone's call. Only the orders' category is kept, so that a shared
/// cluster's log does not grow with everything Orleans says.
/// </summary>
public static class SiloLogs
{
    public static readonly string Category = typeof(OrderGrain).FullName!;

    /// <summary>Keeps what the silo's orders log, for <see cref="Lines"/>.</summary>
    public static void KeepOrders(IServiceCollection services) =>
        services.AddFakeLogging(kept => kept.FilteredCategories.Add(Category));

    /// <summary>Every line the cluster's orders logged so far, on any silo.</summary>
    public static IReadOnlyList<FakeLogRecord> Lines(TestCluster cluster) =>
        [.. cluster.Silos.OfType<InProcessSiloHandle>().SelectMany(silo => silo.SiloHost.Services.GetFakeLogCollector().GetSnapshot())];
}
