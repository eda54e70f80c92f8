using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orders.Gateway;

/// <summary>The gateway is healthy when it can reach the cluster and the cluster has active silos.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable", exception);
        }
    }
}
