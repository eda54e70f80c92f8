using Orders.Grains.Catalog;
using Orders.Grains.Customers;
using Orders.Grains.Events;
using Orders.Grains.Inventory;

namespace Orders.Grains.Orders;

/// <summary>
/// One order. Placement is written in two steps: PENDING with the priced lines first, so that a
/// crash while stock is being reserved leaves an order that a retry (or a cancel) finishes,
/// never a reservation that no order owns.
/// </summary>
public sealed class OrderGrain(
    [PersistentState("order", StorageNames.Main)] IPersistentState<OrderState> order,
    IGrainFactory grains,
    ProductCache catalog,
    TimeProvider clock) : Grain, IOrderGrain
{
    private EventOutbox<OrderState> events = null!;

    private string OrderId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        events = new EventOutbox<OrderState>(order, this, $"order:{OrderId}");
        return events.Resume();
    }

    async Task<Result<OrderSnapshot>> IOrderGrain.Place(PlaceOrder command)
    {
        if (order.State.Request is { } first)
        {
            return first.SameAs(command)
                ? await FinishPlacement()
                : Refusal.AlreadyExists($"order '{OrderId}' already exists with other content");
        }

        var lines = command.NormalLines();
        var products = await Task.WhenAll(lines.Select(line => catalog.Get(line.ProductId).AsTask()));
        var priced = PricedOrder.From(lines, lines.Zip(products).ToDictionary(pair => pair.First.ProductId, pair => pair.Second));
        if (priced.Refusal is { } refusal)
            return refusal;

        await events.Save(OrderState.Pending(command, priced.Value!, clock.GetUtcNow()));
        await grains.GetGrain<ICustomerGrain>(command.CustomerId).RecordOrder(OrderId);
        return await FinishPlacement();
    }

    Task<OrderSnapshot?> IOrderGrain.Get() =>
        Task.FromResult(order.State.Exists ? order.State.Snapshot(OrderId) : null);

    async Task<Result<OrderSnapshot>> IOrderGrain.Cancel(string reason)
    {
        if (!order.State.Exists)
            return Refusal.NotFound($"order '{OrderId}' not found");
        if (order.State.Status == OrderStatus.Pending)
            await FinishPlacement();

        switch (order.State.Status)
        {
            case OrderStatus.Cancelled:
                return order.State.Snapshot(OrderId);      // a retried cancel
            case OrderStatus.Placed:
                await ReleaseAll();
                var cancelled = order.State.MoveTo(OrderStatus.Cancelled, clock.GetUtcNow(), reason);
                await events.Save(events.Raise(cancelled, clock.GetUtcNow(), header => new OrderCancelled(
                    header, OrderId, cancelled.Request!.CustomerId, [.. cancelled.Lines.Select(line => line.ProductId)], reason)));
                return order.State.Snapshot(OrderId);
            default:
                return Refusal.FailedPrecondition(
                    $"order '{OrderId}' is {order.State.Status.ToString().ToUpperInvariant()}; only a placed order can be cancelled");
        }
    }

    async Task IOrderGrain.RefreshProduct(ProductDetails product)
    {
        var refreshed = order.State.WithProduct(product);
        if (refreshed != order.State)
            await events.Save(refreshed);
    }

    /// <summary>Reserves every line of a pending order, all or nothing, and records the outcome.</summary>
    private async Task<Result<OrderSnapshot>> FinishPlacement()
    {
        if (order.State.Status == OrderStatus.Pending)
        {
            var lines = order.State.Lines;
            var reservations = await Task.WhenAll(lines.Select(line => Stock(line.ProductId).Reserve(OrderId, line.Quantity)));
            var shortLines = lines.Zip(reservations)
                .Where(pair => !pair.Second.IsHeld)
                .Select(pair => $"{pair.First.ProductId} (asked {pair.First.Quantity}, available {pair.Second.Quantity})")
                .ToList();

            var now = clock.GetUtcNow();
            if (shortLines.Count == 0)
            {
                var placed = order.State.MoveTo(OrderStatus.Placed, now, "all lines reserved");
                await events.Save(events.Raise(placed, now, header => new OrderPlaced(
                    header, OrderId, placed.Request!.CustomerId, placed.Restaurant.Id, placed.Lines, placed.Total)));
            }
            else
            {
                await ReleaseAll();
                await events.Save(order.State.MoveTo(OrderStatus.Rejected, now, $"insufficient stock: {string.Join("; ", shortLines)}"));
            }
        }

        return order.State.Status == OrderStatus.Rejected
            ? Refusal.FailedPrecondition(order.State.LastReason)
            : order.State.Snapshot(OrderId);
    }

    private Task ReleaseAll() => Task.WhenAll(order.State.Lines.Select(line => Stock(line.ProductId).Release(OrderId)));

    private IInventoryGrain Stock(string productId) => grains.GetGrain<IInventoryGrain>(productId);
}
