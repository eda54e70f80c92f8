using Grpc.Net.Client;
using Orders.Gateway;

namespace Orders.Tests.Gateway;

/// <summary>A silo on PostgreSQL exporting its traces: its storage statements are among them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ClusterTelemetryTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_silo_s_npgsql_statements_are_traced()
    {
        await using var collector = await OtlpCollector.Start();
        var (_, productId) = await new Clients(fixture.Channel).SeedProduct(stock: 5);
        var gateway = await fixture.StartOwnSiloHostingGateway(collector.ExportSettings());
        try
        {
            using var channel = GrpcChannel.ForAddress(gateway.GrpcAddresses()[0]);
            await new Clients(channel).Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, 1));

            // Npgsql's spans name their database system; nothing else in the process says "postgresql".
            await Eventually.Until(() => Task.FromResult(collector.Received("/v1/traces", "postgresql")), received => received);
        }
        finally
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
        }
    }
}
