using Orleans.Configuration;
using Orleans.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>Maps streams to the provider's partitions and names each partition's queue in the table.</summary>
internal sealed class PostgresQueues(string serviceId, string providerName, int partitions)
{
    public HashRingBasedStreamQueueMapper Mapper { get; } =
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = partitions }, providerName);

    /// <summary>What every queue name of this provider starts with, before the partition number.</summary>
    public string Prefix { get; } = $"{serviceId}/{providerName}";

    public int Partitions => partitions;

    public string NameOf(StreamId streamId) => NameOf(Mapper.GetQueueForStream(streamId));

    public string NameOf(QueueId queueId) => $"{Prefix}/{queueId.GetNumericId()}";
}
