namespace Orders.Tests.Infrastructure;

public static class Activations
{
    /// <summary>
    /// The grain of every activation on every silo, once per activation: what is in memory, asked of
    /// the silos themselves (a directory may answer from a silo's cache, an address the grain left).
    /// </summary>
    public static Task<List<GrainId>> ActiveGrains(this TestCluster cluster) => cluster.GrainFactory.ActiveGrains();

    /// <inheritdoc cref="ActiveGrains(TestCluster)"/>
    public static async Task<List<GrainId>> ActiveGrains(this IGrainFactory grains) =>
        [.. (await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Select(activation => activation.GrainId)];

    /// <summary>The grain of every activation on <paramref name="silo"/>.</summary>
    public static async Task<List<GrainId>> ActiveGrainsOn(this TestCluster cluster, SiloHandle silo) =>
        [.. (await cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [silo.SiloAddress]))
            .Select(activation => activation.GrainId)];
}
