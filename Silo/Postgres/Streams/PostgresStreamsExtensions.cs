using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Streams;
using Orders.Grains;
using Orders.Silo.Hosting;

namespace Orders.Silo.Postgres.Streams;

public static class PostgresStreamsExtensions
{
    /// <summary>
    /// Registers the PostgreSQL stream provider under <paramref name="name"/>, with implicit
    /// subscriptions only and the options bound from <paramref name="configuration"/>; its
    /// notification listener connects with <paramref name="connectionString"/> on connections of its own.
    /// </summary>
    public static ISiloBuilder AddPostgresStreams(this ISiloBuilder silo, string name, string connectionString, IConfigurationSection configuration)
    {
        silo.Services.AddCheckedOptions<PostgresStreamOptions>(configuration);
        silo.Services.AddSingleton<StreamEventWriter>();
        silo.Services.AddKeyedSingleton(name, (services, _) => new PostgresQueues(
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            name,
            services.GetRequiredService<IOptions<PostgresStreamOptions>>().Value.Partitions));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
        {
            var queues = services.GetRequiredKeyedService<PostgresQueues>(name);
            return new PartitionCountCheck(services.GetRequiredService<NpgsqlDataSource>(), queues.Prefix, queues.Partitions);
        });
        // The tokens the agents' deliveries carry, read by the receivers and the poison filter alike.
        silo.Services.AddKeyedSingleton<ReadTokens>(name);
        silo.Services.AddSingleton<IOutgoingGrainCallFilter>(services => new PoisonEvents(
            name,
            services.GetRequiredKeyedService<ReadTokens>(name),
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<IOptions<PostgresStreamOptions>>().Value,
            services.GetRequiredService<ILogger<PoisonEvents>>()));
        silo.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<StreamNotifications>(
            services, StreamNotifications.OwnDataSource(connectionString)));
        silo.Services.AddHostedService(services => services.GetRequiredService<StreamNotifications>());
        silo.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(pulling =>
            {
                // The receiver itself waits for a notification between empty reads, so the
                // agent's timer only has to call again promptly.
                pulling.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(1);
                // Never given up by time: an outage outlasts any window (PoisonEvents counts what is not one).
                pulling.MaxEventDeliveryTime = TimeSpan.MaxValue;
                pulling.StreamInactivityPeriod = IdleStreams.ForgetAfter;
            }));
            streams.ConfigureBackoffProvider((services, _) =>
                new FixedDeliveryBackoff(services.GetRequiredService<IOptions<PostgresStreamOptions>>().Value.RetryDelay));
        });
        return silo;
    }
}
