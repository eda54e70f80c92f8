using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Streams;
using Orders.Silo.Postgres.Streams;
using Orders.Tests.Streams.Probes;

namespace Orders.Tests.Streams;

/// <summary>
/// A fresh queue of the PostgreSQL stream provider, written to and read by receivers the test
/// builds itself, with no pulling agent in between: what the receiver does with rows, alone.
/// </summary>
internal sealed class ProbeQueue : IAsyncDisposable
{
    private readonly StreamEventWriter writer;
    private readonly Serializer serializer;

    public ProbeQueue(IServiceProvider silo, PostgresStreamOptions options, string name)
    {
        Options = options;
        Name = Unique.Id(name);
        Database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        writer = new StreamEventWriter(Database, Microsoft.Extensions.Options.Options.Create(options));
        serializer = silo.GetRequiredService<Serializer>();
    }

    public string Name { get; }

    public NpgsqlDataSource Database { get; }

    public PostgresStreamOptions Options { get; }

    /// <summary>Queues one probe event, serialized as a row carries it, for <paramref name="key"/>'s stream.</summary>
    public Task Write(string key, string id) => Write(key, Payload(id));

    /// <summary>A row's payload for one probe event: a batch of one.</summary>
    public byte[] Payload(string id) => serializer.SerializeToArray(new List<object> { new ProbeEvent(id) });

    /// <summary>Queues a row with the payload as given, readable or not.</summary>
    public Task Write(string key, byte[] payload) => writer.Write(new QueuedEvent(Name, ProbeConsumerGrain.Namespace, key, payload));

    /// <summary>A reader of the queue, as a pulling agent's; give it the provider's tokens, the silo's stopping signal and a log where the test shares them.</summary>
    public PostgresQueueReceiver Receiver(ReadTokens? tokens = null, TimeProvider? clock = null, ILogger? logger = null, CancellationToken siloStopping = default) =>
        new(Name, Database, serializer, new QueueSignal(), tokens ?? new ReadTokens(), Options, clock ?? TimeProvider.System, logger ?? NullLogger.Instance, siloStopping);

    /// <summary>
    /// Reads until <paramref name="count"/> rows have come: a row becomes readable only once every
    /// transaction that began before it committed has ended, and the tests beside this one keep
    /// the database busy.
    /// </summary>
    public static async Task<IReadOnlyList<PostgresBatchContainer>> Take(PostgresQueueReceiver reader, int count)
    {
        var taken = new List<PostgresBatchContainer>();
        await Eventually.Until(
            async () =>
            {
                taken.AddRange((await reader.GetQueueMessagesAsync(10)).Cast<PostgresBatchContainer>());
                return taken.Count;
            },
            total => total >= count);
        return taken;
    }

    /// <summary>The probe events' ids, in the order the rows came.</summary>
    public static string[] Ids(IEnumerable<IBatchContainer> rows) =>
        [.. rows.SelectMany(row => row.GetEvents<ProbeEvent>()).Select(pair => pair.Item1.Id)];

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await Database.DisposeAsync();
    }
}
