using Orleans.Configuration;
using Orders.Silo.Hosting;
using Orders.Silo.Postgres;

namespace Orders.Gateway;

public static class OrleansHosting
{
    /// <summary>
    /// With no database configured the gateway hosts a dev-mode silo in its own process. With one
    /// it is an Orleans client that finds the silos through the membership table, or, with
    /// <c>Gateway:HostsSilo</c>, a silo of the cluster itself: its calls then reach the grains
    /// without crossing to another process, which costs the client's serialization and a socket
    /// hop each way (docs/performance.md, "The gateway in its silo's process").
    /// </summary>
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder, GatewayOptions options)
    {
        if (OrdersConfiguration.ConnectionString(builder.Configuration) is not { } connectionString || options.HostsSilo)
        {
            // The silo reads the same configuration: with a connection string it is a cluster-mode silo.
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
            if (OrdersTelemetry.IsOn(builder.Configuration))
                client.AddActivityPropagation();
            // A gateway may start before any silo: keep trying until one joins.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        return builder;
    }

    /// <summary>Whether the gateway runs dev mode: no database configured, its silo in its own process and its storage in memory.</summary>
    public static bool IsDevMode(IConfiguration configuration) => OrdersConfiguration.ConnectionString(configuration) is null;

    /// <summary>How <see cref="AddOrders"/> hosts Orleans with this configuration, for the start-up line.</summary>
    public static string Mode(IConfiguration configuration) =>
        IsDevMode(configuration) ? "dev mode: in-process silo, in-memory storage"
        : GatewayOptions.From(configuration).HostsSilo ? "cluster mode: a silo of the cluster itself, on PostgreSQL"
        : "cluster mode: Orleans client on PostgreSQL membership";
}
