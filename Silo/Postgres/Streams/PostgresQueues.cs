using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>Maps streams to the provider's partitions and names each partition's queue in the table.</summary>
internal sealed class PostgresQueues(string serviceId, string providerName, int partitions)
{
    public HashRingBasedStreamQueueMapper Mapper { get; } =
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = partitions }, providerName);

    public string NameOf(StreamId streamId) => NameOf(Mapper.GetQueueForStream(streamId));

    public string NameOf(QueueId queueId) => $"{serviceId}/{providerName}/{queueId.GetNumericId()}";
}
