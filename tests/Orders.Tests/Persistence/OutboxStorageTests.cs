using System.Collections.Concurrent;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Orders.Grains.Events;
using Orders.Grains.Payments;
using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Persistence;

/// <summary>
/// PostgreSQL's storage queues a producer's outbox events in the statement that stores its
/// state: both are durable together or neither is, and the producer gets its state back with
/// nothing left to publish.
/// </summary>
public sealed class OutboxStorageTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly string serviceId = Unique.Id("service");
    private PostgresGrainStorage storage = null!;

    public Task InitializeAsync()
    {
        storage = db.GrainStorage(serviceId);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => storage.DisposeAsync().AsTask();

    [Fact]
    public async Task A_write_queues_its_events_on_every_route_in_order_and_stores_the_state_without_them()
    {
        var orderId = Unique.Id("order");
        var id = GrainId.Create("payment", orderId);
        var written = new GrainState<PaymentState>(Raise(Raise(new PaymentState(), Refunded(orderId)), Paid(orderId)));
        await using var listener = await db.Database.OpenConnectionAsync();
        var woken = await Listen(listener);

        await storage.WriteStateAsync("payment", id, written);

        var rows = await StreamTables.QueuedRows(serviceId);
        Assert.Equal(
            [(StreamNames.Customer, orderId), (StreamNames.Restaurant, $"{orderId}-restaurant"), (StreamNames.Customer, $"{orderId}-customer")],
            rows.Select(row => (row.Namespace, row.Key)));
        Assert.Equal([1L, 2L, 2L], rows.Select(row => Assert.IsAssignableFrom<DomainEvent>(Assert.Single(db.Serializer.Deserialize<List<object>>(row.Payload)!)).Header.Sequence));
        await Eventually.Until(
            async () =>
            {
                await listener.WaitAsync(TimeSpan.FromMilliseconds(100));
                return woken.Where(queue => queue.StartsWith($"{serviceId}/", StringComparison.Ordinal)).ToHashSet();
            },
            ours => ours.SetEquals(rows.Select(row => row.Queue)));
        var stored = new GrainState<PaymentState>();
        await storage.ReadStateAsync("payment", id, stored);
        Assert.Equal((0, 2L), (written.State!.Outbox.Pending.Length, written.State.Outbox.LastSequence));
        Assert.Equal((0, 2L, "1"), (stored.State!.Outbox.Pending.Length, stored.State.Outbox.LastSequence, stored.ETag));
    }

    [Fact]
    public async Task A_write_that_conflicts_queues_none_of_its_events_and_keeps_them_in_its_state()
    {
        var contested = GrainId.Create("payment", Unique.Id("order"));
        var first = new GrainState<PaymentState>(new PaymentState());
        await storage.WriteStateAsync("payment", contested, first);
        await storage.WriteStateAsync("payment", contested, first);
        var staleOrder = Unique.Id("order");
        var stale = new GrainState<PaymentState>(Raise(new PaymentState(), Refunded(staleOrder)), "1");
        var neighbours = Enumerable.Range(0, 20).Select(_ => Unique.Id("order")).ToList();

        var staleWrite = storage.WriteStateAsync("payment", contested, stale);
        var neighbourWrites = Task.WhenAll(neighbours.Select(orderId =>
            storage.WriteStateAsync("payment", GrainId.Create("payment", orderId), new GrainState<PaymentState>(Raise(new PaymentState(), Refunded(orderId))))));

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await neighbourWrites;
        var queuedKeys = (await StreamTables.QueuedRows(serviceId)).Select(row => row.Key).ToList();
        Assert.DoesNotContain(staleOrder, queuedKeys);
        Assert.Equal(neighbours.Order(StringComparer.Ordinal), queuedKeys.Order(StringComparer.Ordinal));
        Assert.Single(stale.State!.Outbox.Pending);
    }

    [Fact]
    public async Task One_statement_queues_the_events_of_the_write_that_landed_and_none_of_the_one_that_conflicted()
    {
        var (landing, conflicting) = (Unique.Id("grain"), Unique.Id("grain"));
        await GrainStateTable.WriteBehindTheGrainsBack(serviceId, "payment", conflicting);
        string[] grainIds = [landing, conflicting];
        string[] stateNames = ["payment", "payment"];
        int?[] expectedVersions = [null, 5];
        byte[][] payloads = [[1], [2]];

        await using var command = db.Database.Statement(
            GrainStateSql.Write, serviceId, stateNames, grainIds, expectedVersions, payloads,
            stateNames, grainIds, new[] { $"{serviceId}/events/0", $"{serviceId}/events/1" }, stateNames, grainIds, payloads,
            stateNames.Select(_ => (DateTimeOffset?)null).ToArray());
        var landed = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                landed.Add(reader.GetString(1));

        Assert.Equal([landing], landed);
        Assert.Equal([landing], (await StreamTables.QueuedRows(serviceId)).Select(row => row.Key));
    }

    private static PaymentState Raise(PaymentState state, Func<EventHeader, DomainEvent> create) =>
        state.WithOutbox(state.Outbox.Add("payment:test", DateTimeOffset.UtcNow, create));

    /// <summary>A refund told to the customer named <paramref name="customerId"/>: one event on the stream of that key.</summary>
    private static Func<EventHeader, DomainEvent> Refunded(string customerId) =>
        header => new PaymentRefunded(header, $"{customerId}-order", customerId, new Money(1250, "EUR"), "refund-1");

    private static Func<EventHeader, DomainEvent> Paid(string orderId) =>
        header => new OrderPaid(header, orderId, $"{orderId}-customer", $"{orderId}-restaurant", new Money(1250, "EUR"));

    /// <summary>Listens on the channel publishers notify, as the silos' readers do; the queues woken collect in the bag returned.</summary>
    private static async Task<ConcurrentBag<string>> Listen(NpgsqlConnection connection)
    {
        var woken = new ConcurrentBag<string>();
        connection.Notification += (_, notification) => woken.Add(notification.Payload);
        await using var listen = new NpgsqlCommand($"LISTEN {StreamSql.Channel}", connection);
        await listen.ExecuteNonQueryAsync();
        return woken;
    }
}
