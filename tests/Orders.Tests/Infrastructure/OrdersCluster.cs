using Microsoft.Extensions.Configuration;

namespace Orders.Tests.Infrastructure;

/// <summary>Test clusters on the real PostgreSQL: ADO.NET membership, PostgreSQL grain state.</summary>
public static class OrdersCluster
{
    /// <summary>
    /// Builds and deploys a cluster. Pass the same <paramref name="serviceId"/> to a later
    /// cluster to find the state an earlier one wrote.
    /// </summary>
    /// <param name="settings">Configuration on top of the test defaults, such as short lifecycle timeouts.</param>
    public static async Task<TestCluster> StartAsync(short silos = 2, string? serviceId = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        // The silos' grain directory is the one AddOrders configures, as in production, not the one
        // Orleans' test clusters choose for themselves.
        builder.Options.SiloBuilderConfiguratorTypes.RemoveAll(type => type?.Contains("ConfigureDistributedGrainDirectory", StringComparison.Ordinal) == true);
        // Real sockets, so a gateway outside the test cluster can reach its silos.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        if (serviceId is not null)
            builder.Options.ServiceId = serviceId;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Orders"] = TestDatabase.ConnectionString,
                // Short enough that failure, redelivery and dead-letter tests finish in seconds.
                ["Streams:RetryDelay"] = "00:00:00.500",
                ["Streams:MaxAttempts"] = "5",
                ["Streams:LeaseTime"] = "00:00:05",
                // A failed timer callback or an unanswered payment is tried again within seconds.
                ["Lifecycle:ReminderPeriod"] = "00:00:02",
                ["Lifecycle:PaymentRetryDelay"] = "00:00:01",
                ["Payments:Resilience:Retries"] = "2",
                ["Payments:Resilience:RetryDelay"] = "00:00:00.050",
                ["Payments:Resilience:MinimumThroughput"] = "4",
                ["Payments:Resilience:BreakDuration"] = "00:00:02",
            }));
        if (settings is not null)
            builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<OrdersSiloConfigurator>();
        builder.AddClientBuilderConfigurator<OrdersClientConfigurator>();

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
