using Orleans.Configuration;
using Orders.Silo.Hosting;
using Orders.Silo.Postgres;

namespace Orders.Gateway;

public static class OrleansHosting
{
    /// <summary>
    /// With no database configured the gateway hosts a dev-mode silo in its own process;
    /// with one it is an Orleans client that finds the silos through the membership table.
    /// </summary>
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        if (OrdersConfiguration.ConnectionString(builder.Configuration) is not { } connectionString)
        {
            builder.UseOrleans(silo => silo.AddOrders());
            return builder;
        }

        builder.Services.AddOrdersDatabase(connectionString);
        // Hosted services start in order: the schema exists before the client reads its queries.
        builder.Services.AddHostedService<SchemaMigration>();
        builder.UseOrleansClient(client =>
        {
            client.Services.Configure<ClusterOptions>(builder.Configuration.GetSection(OrdersConfiguration.OrleansSection));
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = OrdersConfiguration.Invariant;
                options.ConnectionString = connectionString;
            });
            // A gateway may start before any silo: keep trying until one joins.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        return builder;
    }
}
