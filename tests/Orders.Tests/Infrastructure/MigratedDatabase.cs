using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orders.Silo.Memory;
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

    /// <summary>The kinds of grain storage, PostgreSQL's and dev mode's, for tests that hold for both.</summary>
    public static TheoryData<string> StorageKinds => ["postgres", "in-process"];

    /// <summary>
    /// A fresh service's grain storage of the kind named, and the view <typeparamref name="TView"/>
    /// of what it keeps beside the states: PostgreSQL's made for the service, dev mode's storage itself.
    /// </summary>
    public (IGrainStorage Storage, TView View) StorageOfKind<TView>(string kind, Func<string, NpgsqlDataSource, TView> postgresView)
    {
        if (kind == "postgres")
        {
            var serviceId = Unique.Id("service");
            return (GrainStorage(serviceId), postgresView(serviceId, Database));
        }
        var inProcess = new InProcessGrainStorage(Serializer, Activators);
        return (inProcess, (TView)(object)inProcess);
    }

    public Task InitializeAsync() => SchemaMigrator.MigrateAsync(Database, NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await services.DisposeAsync();
    }
}
