using Microsoft.Extensions.Configuration;
using Orders.Silo.Hosting;

namespace Orders.Tests.Infrastructure;

/// <summary>The test cluster's client finds the silos through the membership table, like a gateway.</summary>
public sealed class OrdersClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = OrdersConfiguration.Invariant;
            options.ConnectionString = OrdersConfiguration.ConnectionString(configuration);
        });
}
