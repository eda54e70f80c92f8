using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Orders.Silo.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Orleans' extension point for a persistent stream provider: the adapter publishes, the
/// receivers read a queue each, the cache holds read events until every subscriber has them
/// (then the receiver acks them), and the failure handler leaves an event the agent gave up on queued.
/// </summary>
public sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string name;
    private readonly IServiceProvider services;
    private readonly PostgresStreamOptions options;
    private readonly PostgresQueues queues;
    private readonly SimpleQueueAdapterCache cache;
    private readonly ReadTokens tokens;
    private readonly CancellationToken siloStopping;

    private PostgresQueueAdapterFactory(string name, IServiceProvider services)
    {
        this.name = name;
        this.services = services;
        options = services.GetRequiredService<IOptions<PostgresStreamOptions>>().Value;
        queues = services.GetRequiredKeyedService<PostgresQueues>(name);
        cache = new SimpleQueueAdapterCache(QueueAdapterContract.Cache, name, services.GetRequiredService<ILoggerFactory>());
        tokens = services.GetRequiredKeyedService<ReadTokens>(name);
        siloStopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
    }

    public static IQueueAdapterFactory Create(IServiceProvider services, string name) => new PostgresQueueAdapterFactory(name, services);

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(new PostgresQueueAdapter(
        name, queues, services.GetRequiredService<StreamEventWriter>(), CreateReceiver, services.GetRequiredService<Serializer>()));

    public IQueueAdapterCache GetQueueAdapterCache() => cache;

    public IStreamQueueMapper GetStreamQueueMapper() => queues.Mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new LeaveQueuedOnFailure(tokens, services.GetRequiredService<ILogger<LeaveQueuedOnFailure>>()));

    private PostgresQueueReceiver CreateReceiver(QueueId queueId)
    {
        var queue = queues.NameOf(queueId);
        return new PostgresQueueReceiver(
            queue,
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<StreamNotifications>().For(queue),
            tokens,
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<PostgresQueueReceiver>>(),
            siloStopping);
    }
}
