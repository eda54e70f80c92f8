using System.Collections.Concurrent;
using Npgsql;
using Orleans.Storage;
using Orders.Grains.Customers;
using Orders.Grains.Events;
using Orders.Grains.Orders;
using Orders.Grains.Payments;
using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Persistence;

/// <summary>
/// PostgreSQL's storage queues a producer's outbox events, and files the list entries they
/// project, in the statement that stores its state: all are durable together or none is, and the
/// producer gets its state back with nothing left to publish.
/// </summary>
public sealed class OutboxStorageTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly string serviceId = Unique.Id("service");
    private PostgresGrainStorage storage = null!;
    private PostgresListStore lists = null!;

    public Task InitializeAsync()
    {
        storage = db.GrainStorage(serviceId);
        lists = new PostgresListStore(serviceId, db.Database, db.Serializer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await storage.DisposeAsync();
        await lists.DisposeAsync();
    }

    [Fact]
    public async Task A_write_queues_its_events_on_every_route_in_order_files_what_they_project_and_stores_the_state_without_them()
    {
        var orderId = Unique.Id("order");
        var id = GrainId.Create("payment", orderId);
        var written = new GrainState<PaymentState>(Raise(Raise(Raise(new PaymentState(), Refunded(orderId)), Paid(orderId)), Accepted(orderId)));
        await using var listener = await db.Database.OpenConnectionAsync();
        var woken = await Listen(listener);

        await storage.WriteStateAsync("payment", id, written);

        var rows = await StreamTables.QueuedRows(serviceId);
        Assert.Equal([(StreamNames.Restaurant, $"{orderId}-restaurant"), (StreamNames.Dispatch, "zone-1")], rows.Select(row => (row.Namespace, row.Key)));
        Assert.Equal([3L, 3L], rows.Select(row => Assert.IsAssignableFrom<DomainEvent>(Assert.Single(db.Serializer.Deserialize<List<object>>(row.Payload)!)).Header.Sequence));
        await Eventually.Until(
            async () =>
            {
                await listener.WaitAsync(TimeSpan.FromMilliseconds(100));
                return woken.Where(queue => queue.StartsWith($"{serviceId}/", StringComparison.Ordinal)).ToHashSet();
            },
            ours => ours.SetEquals(rows.Select(row => row.Queue)));
        var stored = new GrainState<PaymentState>();
        await storage.ReadStateAsync("payment", id, stored);
        Assert.Equal((0, 3L), (written.State!.Outbox.Pending.Length, written.State.Outbox.LastSequence));
        Assert.Equal((0, 3L, "1"), (stored.State!.Outbox.Pending.Length, stored.State.Outbox.LastSequence, stored.ETag));
        Assert.Equal([NotificationKind.Refunded], (await Inbox(orderId)).Select(notification => notification.Kind));
        Assert.Equal([NotificationKind.OrderPaid, NotificationKind.OrderAccepted], (await Inbox($"{orderId}-customer")).Select(notification => notification.Kind));
    }

    [Fact]
    public async Task A_write_that_conflicts_queues_and_files_none_of_its_events_and_keeps_them_in_its_state()
    {
        var contested = GrainId.Create("payment", Unique.Id("order"));
        var first = new GrainState<PaymentState>(new PaymentState());
        await storage.WriteStateAsync("payment", contested, first);
        await storage.WriteStateAsync("payment", contested, first);
        var staleOrder = Unique.Id("order");
        var stale = new GrainState<PaymentState>(Raise(new PaymentState(), Accepted(staleOrder)), "1");
        var neighbours = Enumerable.Range(0, 20).Select(_ => Unique.Id("order")).ToList();

        var staleWrite = storage.WriteStateAsync("payment", contested, stale);
        var neighbourWrites = Task.WhenAll(neighbours.Select(orderId =>
            storage.WriteStateAsync("payment", GrainId.Create("payment", orderId), new GrainState<PaymentState>(Raise(new PaymentState(), Accepted(orderId))))));

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await neighbourWrites;
        var queuedKeys = (await StreamTables.QueuedRows(serviceId)).Where(row => row.Namespace == StreamNames.Restaurant).Select(row => row.Key).ToList();
        Assert.Equal(neighbours.Select(orderId => $"{orderId}-restaurant").Order(StringComparer.Ordinal), queuedKeys.Order(StringComparer.Ordinal));
        Assert.Empty(await Inbox($"{staleOrder}-customer"));
        Assert.All(await Task.WhenAll(neighbours.Select(orderId => Inbox($"{orderId}-customer"))), inbox => Assert.Single(inbox));
        Assert.Single(stale.State!.Outbox.Pending);
    }

    [Fact]
    public async Task One_statement_queues_and_files_the_events_of_the_write_that_landed_and_none_of_the_one_that_conflicted()
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
            stateNames.Select(_ => (DateTimeOffset?)null).ToArray(),
            stateNames, grainIds, grainIds, grainIds, payloads,
            grainIds, stateNames.Select(_ => (string?)null).ToArray());
        var landed = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                landed.Add(reader.GetString(1));

        Assert.Equal([landing], landed);
        Assert.Equal([landing], (await StreamTables.QueuedRows(serviceId)).Select(row => row.Key));
        Assert.Equal([landing], await ListsFiled());
    }

    [Fact]
    public async Task An_order_keeps_the_notifications_of_its_events_in_its_own_row_and_files_no_inbox_row()
    {
        var orderId = Unique.Id("order");
        var now = DateTimeOffset.UtcNow;
        var raised = new OrderState().WithOutbox(new Outbox().Add(EventSources.Order(orderId), now, Paid(orderId)));
        var written = new GrainState<OrderState>(EventProjections.Kept(raised, raised.Outbox.Pending[^1], now));

        await storage.WriteStateAsync(OrderGrain.StateName, GrainId.Create(OrderGrain.StateName, orderId), written);

        var stored = new GrainState<OrderState>();
        await storage.ReadStateAsync(OrderGrain.StateName, GrainId.Create(OrderGrain.StateName, orderId), stored);
        Assert.Equal([NotificationKind.OrderPaid], stored.State!.Notifications.Select(notification => notification.Kind));
        Assert.Empty(await Inbox($"{orderId}-customer"));
    }

    private static PaymentState Raise(PaymentState state, Func<EventHeader, DomainEvent> create) =>
        state.WithOutbox(state.Outbox.Add(EventSources.Payment("test"), DateTimeOffset.UtcNow, create));

    /// <summary>A refund told to the customer named <paramref name="customerId"/>: a notification in their inbox, on no stream.</summary>
    private static Func<EventHeader, DomainEvent> Refunded(string customerId) =>
        header => new PaymentRefunded(header, $"{customerId}-order", customerId, new Money(1250, "EUR"), "refund-1");

    private static Func<EventHeader, DomainEvent> Paid(string orderId) =>
        header => new OrderPaid(header, orderId, $"{orderId}-customer", $"{orderId}-restaurant", new Money(1250, "EUR"));

    private static Func<EventHeader, DomainEvent> Accepted(string orderId) =>
        header => new OrderAccepted(header, orderId, $"{orderId}-customer", $"{orderId}-restaurant", "zone-1");

    /// <summary>The names of this service's lists that hold any entry.</summary>
    private async Task<List<string>> ListsFiled()
    {
        await using var command = db.Database.Statement("SELECT DISTINCT list_name FROM grain_lists WHERE service_id = $1", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    private Task<ImmutableArray<Notification>> Inbox(string customerId) => lists.Read<Notification>(CustomerLists.InboxOf(customerId));

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
