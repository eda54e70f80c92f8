using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Orders.Tests.Infrastructure;

public static class SiloServices
{
    /// <summary>The services of the cluster's first in-process silo: its providers, as the grains on it see them.</summary>
    public static IServiceProvider FirstSiloServices(this TestCluster cluster) =>
        cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services;

    /// <summary>The serializer the silos store grain state with, to write or read a state behind the grains' back.</summary>
    public static Serializer StateSerializer(this TestCluster cluster) => cluster.FirstSiloServices().GetRequiredService<Serializer>();
}
