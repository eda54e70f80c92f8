using Microsoft.Extensions.Hosting;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orders.Silo.Streams;

namespace Orders.Silo.Memory.Streams;

/// <summary>
/// Orleans' extension point for a persistent stream provider, over <see cref="InProcessQueues"/>:
/// the adapter publishes into the stream's queue, a receiver per queue hands the pulling agent
/// what was published, and the cache holds it until every subscriber has it.
/// </summary>
public sealed class InProcessQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapter
{
    /// <summary>The most batches one read of a queue takes.</summary>
    private const int ReadBatchSize = 256;

    private readonly InProcessQueues queues;
    private readonly SimpleQueueAdapterCache cache;
    private readonly LogDroppedEvents failures;

    private InProcessQueueAdapterFactory(string name, IServiceProvider services)
    {
        Name = name;
        queues = new InProcessQueues(name);
        cache = new SimpleQueueAdapterCache(QueueAdapterContract.Cache, name, services.GetRequiredService<ILoggerFactory>());
        failures = new LogDroppedEvents(services.GetRequiredService<ILogger<LogDroppedEvents>>(), services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
    }

    public static IQueueAdapterFactory Create(IServiceProvider services, string name) => new InProcessQueueAdapterFactory(name, services);

    public string Name { get; }

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(this);

    public IQueueAdapterCache GetQueueAdapterCache() => cache;

    public IStreamQueueMapper GetStreamQueueMapper() => queues.Mapper;

    // As with Orleans' memory streams, a delivery that keeps failing is dropped after the agent's
    // retries; here it is logged as an error.
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(failures);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        QueueAdapterContract.RefusePublisherToken(token);
        queues.Enqueue(streamId, [.. events.Cast<object>()]);
        return Task.CompletedTask;
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => new Receiver(queues, queueId);

    private sealed class Receiver(InProcessQueues queues, QueueId queueId) : IQueueAdapterReceiver
    {
        public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

        public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) =>
            Task.FromResult(queues.Take(queueId, QueueAdapterContract.ReadSize(maxCount, ReadBatchSize)));

        // Nothing to acknowledge: a batch leaves its queue when it is taken.
        public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

        public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
    }
}
