using Microsoft.Extensions.Hosting;

namespace Orders.Silo.Postgres;

/// <summary>
/// Runs the migrator before anything reads the schema: first in a silo's lifecycle (before
/// clustering, reminders and storage start), and as a hosted service registered ahead of the
/// Orleans client in a gateway.
/// </summary>
public sealed class SchemaMigration(NpgsqlDataSource database, ILogger<SchemaMigration> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IHostedService
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigration), ServiceLifecycleStage.First, Migrate);

    public Task StartAsync(CancellationToken cancellationToken) => Migrate(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task Migrate(CancellationToken cancellationToken) =>
        SchemaMigrator.MigrateAsync(database, logger, cancellationToken);
}
