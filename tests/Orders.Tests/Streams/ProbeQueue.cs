using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
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

    /// <summary>Queues one probe event, serialized as a row carries it (a batch of one), for <paramref name="key"/>'s stream.</summary>
    public Task Write(string key, string id) => Write(key, serializer.SerializeToArray(new List<object> { new ProbeEvent(id) }));

    /// <summary>Queues a row with the payload as given, readable or not.</summary>
    public Task Write(string key, byte[] payload) => writer.Write(new QueuedEvent(Name, ProbeConsumerGrain.Namespace, key, payload));

    /// <summary>A reader of the queue, as a pulling agent's; give it the provider's tokens and the silo's stopping signal where the test shares them.</summary>
    public PostgresQueueReceiver Receiver(ReadTokens? tokens = null, CancellationToken siloStopping = default) =>
        new(Name, Database, serializer, new QueueSignal(), tokens ?? new ReadTokens(), Options, TimeProvider.System, NullLogger.Instance, siloStopping);

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await Database.DisposeAsync();
    }
}
