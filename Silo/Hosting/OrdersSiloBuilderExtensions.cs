using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Streams;
using Orders.Grains;
using Orders.Grains.Caches;
using Orders.Grains.Catalog;
using Orders.Grains.Events;
using Orders.Grains.Inventory;
using Orders.Grains.Ledgers;
using Orders.Grains.Lists;
using Orders.Grains.Payments;
using Orders.Grains.Placement;
using Orders.Grains.Restaurants;
using Orders.Grains.Wakes;
using Orders.Silo.Memory;
using Orders.Silo.Memory.Streams;
using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Reminders;
using Orders.Silo.Postgres.Streams;

namespace Orders.Silo.Hosting;

/// <summary>
/// The one place a silo is configured. Silo/Program.cs, a gateway that hosts its silo (dev mode,
/// or <c>Gateway:HostsSilo</c>) and the test cluster all call <see cref="AddOrders"/>, so tests run
/// what production runs.
/// </summary>
public static class OrdersSiloBuilderExtensions
{
    /// <summary>
    /// Dev mode when <c>ConnectionStrings:Orders</c> is absent (localhost clustering, memory
    /// storage and reminders); cluster mode on PostgreSQL when it is set.
    /// </summary>
    public static ISiloBuilder AddOrders(this ISiloBuilder silo)
    {
        var orleans = silo.Configuration.GetSection(OrdersConfiguration.OrleansSection);
        silo.Services.Configure<ClusterOptions>(orleans);
        // After every Configure: dev mode's UseLocalhostClustering sets its default ports itself.
        silo.Services.PostConfigure<EndpointOptions>(options => SiloEndpoints.Configure(options, orleans));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IOutboxFaults, NoOutboxFaults>();
        silo.Services.AddSingleton<ProductCache>();
        silo.Services.AddSingleton<RestaurantCache>();
        silo.Services.AddSingleton<ShortStock>();
        silo.Services.AddSingleton<SiloBroadcast>();
        silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        silo.Services.AddCheckedOptions<LifecycleOptions>(silo.Configuration.GetSection(LifecycleOptions.Section));
        silo.Services.AddSingleton<IValidateOptions<LifecycleOptions>, ReminderPeriodCheck>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WakeSweeper>();
        silo.Services.AddPayments(silo.Configuration);
        // A grain call's trace goes on across silos; only when traces are exported, as each call pays for it.
        if (OrdersTelemetry.IsOn(silo.Configuration))
            silo.AddActivityPropagation();
#pragma warning disable ORLEANSEXP003 // Orleans 10 ships it as experimental; its own test clusters run it
        silo.AddDistributedGrainDirectory(DirectoryNames.SingleActivation);
#pragma warning restore ORLEANSEXP003

        if (OrdersConfiguration.ConnectionString(silo.Configuration) is not { } connectionString)
        {
            silo.UseLocalhostClustering();
            silo.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<InProcessGrainStorage>(services));
            silo.Services.AddGrainStorage(StorageNames.Main, (services, _) => services.GetRequiredService<InProcessGrainStorage>());
            silo.Services.AddSingleton<IDueGrains>(services => services.GetRequiredService<InProcessGrainStorage>());
            silo.Services.AddSingleton<IListedGrains>(services => services.GetRequiredService<InProcessGrainStorage>());
            silo.Services.AddSingleton<IListStore, InProcessListStore>();
            silo.Services.AddSingleton<ILedgerStore, InProcessLedgerStore>();
            silo.UseInMemoryReminderService();
            silo.AddPersistentStreams(StreamNames.Provider, InProcessQueueAdapterFactory.Create, streams =>
            {
                streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                // The agent's timer is how soon a published event is read: 10 ms keeps the lifecycle
                // quick and costs an idle process a few percent of a core (Orleans' default is 100 ms).
                streams.ConfigurePullingAgent(agent => agent.Configure(pulling =>
                {
                    pulling.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10);
                    pulling.StreamInactivityPeriod = IdleStreams.ForgetAfter;
                }));
            });
            return silo;
        }

        silo.Services.AddOrdersDatabase(connectionString);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigration>();
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = OrdersConfiguration.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(OfThisService<PostgresReminderTable>);
        silo.Services.AddSingleton(services => new OutboxEventRows(
            services.GetRequiredKeyedService<PostgresQueues>(StreamNames.Provider), services.GetRequiredService<Serializer>()));
        silo.Services.AddSingleton<ProjectedListRows>();
        silo.Services.AddGrainStorage(StorageNames.Main, (services, _) => OfThisService<PostgresGrainStorage>(services));
        silo.Services.AddSingleton<IDueGrains>(OfThisService<PostgresDueGrains>);
        silo.Services.AddSingleton<IListedGrains>(OfThisService<PostgresListedGrains>);
        silo.Services.AddSingleton<IListStore>(OfThisService<PostgresListStore>);
        silo.Services.AddSingleton<ILedgerStore>(OfThisService<PostgresLedgerStore>);
        silo.AddPostgresStreams(StreamNames.Provider, connectionString, silo.Configuration.GetSection(OrdersConfiguration.StreamsSection));
        return silo;
    }

    /// <summary>
    /// One of the PostgreSQL providers, whose rows carry the cluster's service id: the id is
    /// given, the rest (data source, serializer) comes from the container.
    /// </summary>
    private static T OfThisService<T>(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<T>(services, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);

    /// <summary>Registers the shared data source on the tuned connection string.</summary>
    public static IServiceCollection AddOrdersDatabase(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        return services;
    }
}
