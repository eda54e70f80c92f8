using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using Orders.Silo.Memory.Streams;

namespace Orders.Tests.Streams;

/// <summary>Dev mode's queues hand the pulling agent what was published, in order, with tokens that only grow.</summary>
public sealed class InProcessQueuesTests
{
    private readonly InProcessQueues queues = new("events");

    [Fact]
    public void A_queue_gives_its_batches_in_publish_order_a_read_at_a_time_with_growing_tokens()
    {
        var stream = StreamId.Create("customer", "c-1");
        var queueId = queues.Mapper.GetQueueForStream(stream);
        foreach (var index in Enumerable.Range(0, 5))
            queues.Enqueue(stream, [$"event {index}"]);

        var first = queues.Take(queueId, maxCount: 3);
        var rest = queues.Take(queueId, maxCount: 3);

        var read = first.Concat(rest).ToList();
        Assert.Equal((3, 2), (first.Count, rest.Count));
        Assert.Equal(Enumerable.Range(0, 5).Select(index => $"event {index}"), read.SelectMany(batch => batch.GetEvents<string>()).Select(pair => pair.Item1));
        Assert.All(read, batch => Assert.Equal(stream, batch.StreamId));
        Assert.Equal(read.Select(batch => batch.SequenceToken.SequenceNumber).Order(), read.Select(batch => batch.SequenceToken.SequenceNumber));
        Assert.Empty(queues.Take(queueId, maxCount: 3));
    }

    [Fact]
    public void Each_stream_is_read_from_the_queue_its_partition_maps_to_and_no_other()
    {
        var streams = Enumerable.Range(0, 40).Select(index => StreamId.Create("customer", $"c-{index}")).ToList();
        foreach (var stream in streams)
            queues.Enqueue(stream, [stream.ToString()]);

        var byQueue = queues.Mapper.GetAllQueues().ToDictionary(queueId => queueId, queueId => queues.Take(queueId, maxCount: 100));

        Assert.Equal(streams.Count, byQueue.Values.Sum(batches => batches.Count));
        Assert.All(byQueue, pair => Assert.All(pair.Value, batch => Assert.Equal(pair.Key, queues.Mapper.GetQueueForStream(batch.StreamId))));
    }

    /// <summary>
    /// Given up on while the silo runs, its subscriber failed it: an error. Given up on as the silo
    /// stops, it goes with the rest of dev mode's memory, as the stop asked.
    /// </summary>
    [Theory]
    [InlineData(false, LogLevel.Error)]
    [InlineData(true, LogLevel.Information)]
    public async Task An_event_the_pulling_agent_gives_up_on_is_logged_as_dropped_naming_its_stream(bool siloStopping, LogLevel level)
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddFakeLogging())
            .AddSingleton<IHostApplicationLifetime>(lifetime)
            .BuildServiceProvider();
        var factory = InProcessQueueAdapterFactory.Create(services, "events");
        var stream = StreamId.Create("restaurant", "r-1");
        var failures = await factory.GetDeliveryFailureHandler(factory.GetStreamQueueMapper().GetQueueForStream(stream));
        if (siloStopping)
            lifetime.StopApplication();

        await failures.OnDeliveryFailure(GuidId.GetNewGuidId(), "events", stream, new EventSequenceTokenV2(7));

        var logged = Assert.Single(services.GetFakeLogCollector().GetSnapshot());
        Assert.Equal(level, logged.Level);
        Assert.Contains(stream.ToString(), logged.Message, StringComparison.Ordinal);
    }
}
