using Microsoft.Extensions.Logging;
using Orders.Grains.Events;
using Orders.Grains.Orders;

namespace Orders.Grains.Restaurants;

/// <summary>
/// The restaurant's side of an order: paid orders wait for its answer among its pending orders
/// (unless its settings answered them as they were paid, <c>OrderGrain</c>), accepted ones go
/// through the kitchen on a durable timer and are marked ready.
/// </summary>
public sealed partial class RestaurantGrain
{
    /// <summary>
    /// The orders the pending list names (their own states keep it, <see cref="RestaurantLists"/>),
    /// read from the orders themselves; one that moved on after the list was read is left out, and
    /// so is one that cannot be read now (its silo lost, until the cluster places it elsewhere):
    /// it failed the whole list, and the restaurant saw none of its paid orders meanwhile.
    /// </summary>
    async Task<ImmutableArray<PendingOrder>> IRestaurantGrain.PendingOrders()
    {
        var pending = await listed.In(PendingList);
        var orders = await Task.WhenAll(pending.Select(ReadOrLeaveOut));
        return [.. orders
            .Where(order => order?.Status == OrderStatus.Paid)
            .Select(order => new PendingOrder(order!.OrderId, order.CustomerId, order.Total, order.History.Last(change => change.Status == OrderStatus.Paid).At))
            .OrderBy(paid => paid.PaidAt)];
    }

    /// <summary>
    /// How long the list waits for one order: an order on a silo that hangs would otherwise hold it,
    /// and the restaurant's every call behind it, for the 30 s a grain call may take, past the
    /// gateway's own wait for the list.
    /// </summary>
    private static readonly TimeSpan PendingReadWait = TimeSpan.FromSeconds(5);

    private async Task<OrderSnapshot?> ReadOrLeaveOut(string orderId)
    {
        try
        {
            return await Order(orderId).Get().WaitAsync(PendingReadWait);
        }
        catch (Exception unreachable) when (unreachable is OrleansException or TimeoutException)
        {
            LogPendingUnread(logger, unreachable, orderId, RestaurantId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending order {OrderId} of restaurant {RestaurantId} could not be read; it is left out of this list")]
    private static partial void LogPendingUnread(ILogger logger, Exception failure, string orderId, string restaurantId);

    private string PendingList => RestaurantLists.PendingOf(RestaurantId);

    Task<ImmutableArray<KitchenTicket>> IRestaurantGrain.Kitchen() => Task.FromResult(restaurant.State.Kitchen.Tickets);

    async Task<Result<RestaurantDetails>> IRestaurantGrain.Configure(RestaurantSettings settings)
    {
        if (restaurant.State.Details is not { } current)
            return NotFound();

        var configured = current with { Settings = settings, Version = current.Version + 1 };
        await SaveState(restaurant.State with
        {
            Details = configured,
            Kitchen = restaurant.State.Kitchen.Start(settings, clock.GetUtcNow()),
        });
        // Orders paid from now on take the new settings' answer, whichever silo they are on: the
        // silos hear of them before anything else can fail this call (a timer that cannot be set).
        await broadcast.RestaurantChanged(configured);
        await kitchenTimer.At(restaurant.State.Kitchen.NextReady);
        return configured;
    }

    Task<Result<OrderSnapshot>> IRestaurantGrain.AcceptOrder(string orderId) => Order(orderId).Accept(RestaurantId, restaurant.State.Settings.Zone);

    Task<Result<OrderSnapshot>> IRestaurantGrain.RejectOrder(string orderId, string reason) => Order(orderId).Reject(RestaurantId, reason);

    async Task<Result<OrderSnapshot>> IRestaurantGrain.MarkOrderReady(string orderId)
    {
        var ready = await Order(orderId).MarkReady(RestaurantId);
        if (!ready.IsRefused)
            await SaveAndTimeKitchen(restaurant.State with { Kitchen = restaurant.State.Kitchen.Remove(orderId, restaurant.State.Settings, clock.GetUtcNow()) });
        return ready;
    }

    /// <summary>
    /// The kitchen timer: every order whose prep time is up is marked ready, and the queue moves on.
    /// An order that cannot be marked now (its grain failed) stays in the kitchen without holding
    /// back the others: the timer comes back for it a reminder period later, and for the others at
    /// their own times, and the exception says what failed.
    /// </summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        kitchenTimer.Fired();
        var now = clock.GetUtcNow();
        var done = restaurant.State.Kitchen.DoneBy(now);
        var marking = done.Select(orderId => Order(orderId).MarkReady(RestaurantId)).ToArray();
        // Waits for every order without throwing (on the grain's scheduler); each one's outcome is read below.
        await ((Task)Task.WhenAll(marking)).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);

        var marked = done.Where((_, i) => marking[i].IsCompletedSuccessfully).ToList();
        if (marked.Count > 0)
            await SaveState(restaurant.State with { Kitchen = marked.Aggregate(restaurant.State.Kitchen, (kitchen, orderId) => kitchen.Remove(orderId, restaurant.State.Settings, now)) });
        var failed = done.Except(marked).ToList();
        await kitchenTimer.At(restaurant.State.Kitchen.NextTick(failed, now + kitchenTimer.Period));
        if (failed.Count > 0)
            throw new AggregateException("orders the kitchen could not mark ready", marking.Where(task => task.IsFaulted).SelectMany(task => task.Exception!.InnerExceptions));
    }

    /// <summary>
    /// Order events, each applied once. The restaurant keeps no dedupe mark per order (those grew
    /// with every order it ever had): its kitchen says whether it has an order already, and for
    /// one it does not hold the order itself says whether the event is still current. A
    /// redelivered OrderAccepted for an order cooked or cancelled since therefore changes nothing.
    /// </summary>
    private async Task Apply(DomainEvent domainEvent)
    {
        var state = restaurant.State;
        switch (domainEvent)
        {
            case OrderAccepted accepted:
                await CookIfAccepted(accepted.OrderId);
                break;
            case OrderCancelled cancelled when state.Kitchen.Has(cancelled.OrderId):
                await SaveAndTimeKitchen(state with { Kitchen = state.Kitchen.Remove(cancelled.OrderId, state.Settings, clock.GetUtcNow()) });
                break;
        }
    }

    Task IRestaurantGrain.CheckKitchen(string orderId) => CookIfAccepted(orderId);

    /// <summary>Cooks an order the kitchen does not have yet, if it is still accepted (not cooked or cancelled since).</summary>
    private async Task CookIfAccepted(string orderId)
    {
        if (!restaurant.State.Kitchen.Has(orderId) && await Order(orderId).Status() == OrderStatus.Accepted)
            await Cook(orderId);
    }

    /// <summary>
    /// Puts an accepted order in the kitchen. With no prep time and an empty kitchen, it is ready
    /// at once: marked here rather than on the kitchen timer, which is never due sooner than
    /// a second ahead (<see cref="DurableTimer"/>). If marking fails the event comes again and
    /// finds the order still accepted and out of the kitchen.
    /// </summary>
    private async Task Cook(string orderId)
    {
        var state = restaurant.State;
        if (state.Settings.PrepTime == TimeSpan.Zero && state.Kitchen.Tickets.IsEmpty)
            await Order(orderId).MarkReady(RestaurantId);
        else
            await SaveAndTimeKitchen(state with { Kitchen = state.Kitchen.Add(orderId, state.Settings, clock.GetUtcNow()) });
    }

    /// <summary>Writes the state and sets the kitchen timer for the next order to be done.</summary>
    private async Task SaveAndTimeKitchen(RestaurantState next)
    {
        await SaveState(next);
        await kitchenTimer.At(restaurant.State.Kitchen.NextReady);
    }

    private IOrderGrain Order(string orderId) => grains.Reference<IOrderGrain>(orderId);
}
