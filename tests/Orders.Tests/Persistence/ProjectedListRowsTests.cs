using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orders.Grains.Customers;
using Orders.Grains.Events;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// The list rows a write's events project carry each entry's net change, in the order the events
/// made them: one statement cannot add an entry and take it off in turn.
/// </summary>
public sealed class ProjectedListRowsTests : IDisposable
{
    private const string OrderId = "o-1";
    private const string RestaurantId = "r-1";
    private const string CustomerId = "c-1";

    private readonly ServiceProvider services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private long sequence;

    public void Dispose() => services.Dispose();

    [Fact]
    public void An_entry_added_and_then_taken_off_in_one_write_leaves_only_its_removal()
    {
        var rows = RowsFor(AwaitingAnswer(), Cancelled());

        var pending = Assert.Single(rows, row => row.List == RestaurantLists.PendingOf(RestaurantId));
        Assert.Null(pending.Payload);
    }

    [Fact]
    public void An_entry_taken_off_and_then_added_again_in_one_write_leaves_only_its_addition()
    {
        var rows = RowsFor(Cancelled(), AwaitingAnswer());

        var pending = Assert.Single(rows, row => row.List == RestaurantLists.PendingOf(RestaurantId));
        Assert.NotNull(pending.Payload);
    }

    [Fact]
    public void An_entry_added_twice_is_added_once_and_every_row_keeps_the_order_its_events_made_it_in()
    {
        var rows = RowsFor(AwaitingAnswer(), AwaitingAnswer());

        Assert.Equal(
            [
                (CustomerLists.InboxOf(CustomerId), $"order:{OrderId}#1"),
                (RestaurantLists.PendingOf(RestaurantId), OrderId),
                (CustomerLists.InboxOf(CustomerId), $"order:{OrderId}#2"),
            ],
            rows.Select(row => (row.List, row.Key)));
    }

    private IReadOnlyList<ListRow> RowsFor(params DomainEvent[] events) =>
        new ProjectedListRows(services.GetRequiredService<Serializer>(), TimeProvider.System).For([.. events]);

    private EventHeader NextHeader() => new(Guid.NewGuid(), $"order:{OrderId}", ++sequence, DateTimeOffset.UtcNow, TraceParent: null);

    private OrderPaid AwaitingAnswer() =>
        new(NextHeader(), OrderId, CustomerId, RestaurantId, new Money(1250, "EUR")) { AwaitsAnswer = true };

    private OrderCancelled Cancelled() =>
        new(NextHeader(), OrderId, CustomerId, ["p-1"], "changed my mind", RestaurantId, "zone-1", OrderStatus.Cancelled, OrderStatus.Paid);
}
