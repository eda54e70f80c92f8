namespace Orders.Tests.Infrastructure;

/// <summary>One two-silo cluster shared by the ordinary grain tests of a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync() => Cluster = await OrdersCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
