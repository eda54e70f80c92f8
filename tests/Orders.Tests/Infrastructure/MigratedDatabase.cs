using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// The test PostgreSQL with the schema applied, and Orleans' serializer: what the tests of the
/// PostgreSQL stores need to build one outside a silo. Shared by the tests of a class.
/// </summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private readonly ServiceProvider services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public NpgsqlDataSource Database { get; } = NpgsqlDataSource.Create(TestDatabase.ConnectionString);

    public Serializer Serializer => services.GetRequiredService<Serializer>();

    public IActivatorProvider Activators => services.GetRequiredService<IActivatorProvider>();

    /// <summary>The grain storage of a service, its producers' events queued on the event provider's default partitions and their list entries projected.</summary>
    public PostgresGrainStorage GrainStorage(string serviceId) => new(
        serviceId, Database, Serializer, Activators,
        new OutboxEventRows(new PostgresQueues(serviceId, StreamNames.Provider, new PostgresStreamOptions().Partitions), Serializer),
        new ProjectedListRows(Serializer, TimeProvider.System));

    public Task InitializeAsync() => SchemaMigrator.MigrateAsync(Database, NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await services.DisposeAsync();
    }
}
