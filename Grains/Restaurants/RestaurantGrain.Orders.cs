using Orders.Grains.Events;
using Orders.Grains.Orders;

namespace Orders.Grains.Restaurants;

/// <summary>
/// The restaurant's side of an order: paid orders wait for its answer (or are answered by its
/// policy), accepted ones go through the kitchen on a durable timer and are marked ready.
/// </summary>
public sealed partial class RestaurantGrain
{
    Task<ImmutableArray<PendingOrder>> IRestaurantGrain.PendingOrders() =>
        Task.FromResult(restaurant.State.Pending.Values.OrderBy(pending => pending.PaidAt).ToImmutableArray());

    Task<ImmutableArray<KitchenTicket>> IRestaurantGrain.Kitchen() => Task.FromResult(restaurant.State.Kitchen.Tickets);

    async Task<Result<RestaurantDetails>> IRestaurantGrain.Configure(RestaurantSettings settings)
    {
        if (restaurant.State.Details is not { } current)
            return NotFound();

        var configured = current with { Settings = settings, Version = current.Version + 1 };
        await SaveOrders(restaurant.State with
        {
            Details = configured,
            Kitchen = restaurant.State.Kitchen.Start(settings, clock.GetUtcNow()),
        });
        return configured;
    }

    async Task<Result<OrderSnapshot>> IRestaurantGrain.AcceptOrder(string orderId)
    {
        var accepted = await Order(orderId).Accept(RestaurantId, restaurant.State.Settings.Zone);
        if (!accepted.IsRefused)
            await SaveOrders(restaurant.State.Answered(orderId));
        return accepted;
    }

    async Task<Result<OrderSnapshot>> IRestaurantGrain.RejectOrder(string orderId, string reason)
    {
        var rejected = await Order(orderId).Reject(RestaurantId, reason);
        if (!rejected.IsRefused)
            await SaveOrders(restaurant.State.Answered(orderId));
        return rejected;
    }

    async Task<Result<OrderSnapshot>> IRestaurantGrain.MarkOrderReady(string orderId)
    {
        var ready = await Order(orderId).MarkReady(RestaurantId);
        if (!ready.IsRefused)
            await SaveOrders(restaurant.State with { Kitchen = restaurant.State.Kitchen.Remove(orderId, restaurant.State.Settings, clock.GetUtcNow()) });
        return ready;
    }

    /// <summary>The kitchen timer: every order whose prep time is up is ready, and the queue moves on.</summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        kitchenTimer.Fired();
        var now = clock.GetUtcNow();
        var done = restaurant.State.Kitchen.DoneBy(now);
        await Task.WhenAll(done.Select(orderId => Order(orderId).MarkReady(RestaurantId)));
        var kitchen = done.Aggregate(restaurant.State.Kitchen, (kitchen, orderId) => kitchen.Remove(orderId, restaurant.State.Settings, now));
        await SaveOrders(restaurant.State with { Kitchen = kitchen });
    }

    /// <summary>Order events, each applied once.</summary>
    private async Task Apply(DomainEvent domainEvent)
    {
        var state = restaurant.State;
        if (state.Applied.Contains(domainEvent.Header))
            return;

        var now = clock.GetUtcNow();
        var applied = state with { Applied = state.Applied.Add(domainEvent.Header) };
        switch (domainEvent)
        {
            case OrderPaid paid when !state.Settings.Open:
                await Order(paid.OrderId).Reject(RestaurantId, "the restaurant is closed");
                break;
            case OrderPaid paid when state.Settings.AutoAccept:
                await Order(paid.OrderId).Accept(RestaurantId, state.Settings.Zone);
                break;
            case OrderPaid paid:
                applied = applied with { Pending = applied.Pending.SetItem(paid.OrderId, new PendingOrder(paid.OrderId, paid.CustomerId, paid.Total, paid.Header.At)) };
                break;
            case OrderAccepted accepted:
                applied = applied.Answered(accepted.OrderId) with { Kitchen = applied.Kitchen.Add(accepted.OrderId, state.Settings, now) };
                break;
            case OrderCancelled cancelled:
                applied = applied.Answered(cancelled.OrderId) with { Kitchen = applied.Kitchen.Remove(cancelled.OrderId, state.Settings, now) };
                break;
        }

        await SaveOrders(applied);
    }

    /// <summary>Writes the state and sets the kitchen timer for the next order to be done.</summary>
    private async Task SaveOrders(RestaurantState next)
    {
        await events.Save(next);
        await kitchenTimer.At(restaurant.State.Kitchen.NextReady);
    }

    private IOrderGrain Order(string orderId) => grains.GetGrain<IOrderGrain>(orderId);
}
