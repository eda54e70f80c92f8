using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;

namespace Orders.Grains.Customers;

/// <summary>
/// A customer: the orders they placed and their inbox (<see cref="CustomerLists"/>). Each order's
/// stored state lists it among its customer's (<see cref="IListedGrains"/>) and keeps what it told
/// them (<see cref="INotifyingState"/>); the rest of the inbox is a list stored an entry per row
/// (<see cref="IListStore"/>), filled by the other producers of the events that concern the
/// customer as they store them. Neither is rewritten as it grows. The grain holds nothing in
/// memory: every answer is read from the store.
/// </summary>
/// <remarks>
/// The customer stream is read only for the events an earlier version queued on it; they are
/// filed as a producer files them now, under the same keys, so one filed twice adds nothing.
/// </remarks>
[ImplicitStreamSubscription(StreamNames.Customer)]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed class CustomerGrain(IListStore lists, IListedGrains listed, TimeProvider clock) : Grain, ICustomerGrain, IStreamSubscriptionObserver
{
    private string CustomerId => this.GetPrimaryKeyString();

    Task<ImmutableArray<string>> ICustomerGrain.OrderIds() => listed.WithRowsOf(lists, CustomerLists.OrdersOf(CustomerId));

    /// <summary>
    /// The inbox's rows (other producers' notifications, and those of steps an earlier version
    /// took) and what the customer's orders keep in their states (<see cref="INotifyingState"/>),
    /// in the order they were received, as each producer's silo stamped it.
    /// </summary>
    async Task<ImmutableArray<Notification>> ICustomerGrain.Notifications()
    {
        var rows = await lists.Read<Notification>(CustomerLists.InboxOf(CustomerId));
        var orders = await listed.StatesListedIn<OrderState>(OrderGrain.StateName, CustomerLists.OrdersOf(CustomerId));
        return [.. rows.Concat(orders.SelectMany(order => order.Notifications)).OrderBy(notification => notification.ReceivedAt)];
    }

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(File);

    private Task File(DomainEvent domainEvent) =>
        Task.WhenAll(CustomerLists.EntriesQueuedFor(domainEvent, clock.GetUtcNow()).Select(lists.Apply));
}
