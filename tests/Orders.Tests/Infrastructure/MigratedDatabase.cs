using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orders.Silo.Postgres;

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

    public Task InitializeAsync() => SchemaMigrator.MigrateAsync(Database, NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await services.DisposeAsync();
    }
}
