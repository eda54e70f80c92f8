using Microsoft.Extensions.DependencyInjection;

namespace Orders.Tests.Infrastructure;

/// <summary>One two-silo cluster shared by the ordinary grain tests of a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>A service of each silo, in the cluster's order of silos (the primary first).</summary>
    public IReadOnlyList<T> OnEverySilo<T>() where T : notnull =>
        [.. Cluster.Silos.OfType<InProcessSiloHandle>().Select(silo => silo.SiloHost.Services.GetRequiredService<T>())];

    public async Task InitializeAsync() => Cluster = await OrdersCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
