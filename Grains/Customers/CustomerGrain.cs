using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Grains.Customers;

/// <summary>
/// A customer: the orders they placed and their inbox (<see cref="CustomerLists"/>). Each order's
/// stored state lists it among its customer's (<see cref="IListedGrains"/>); the inbox is a list
/// stored an entry per row (<see cref="IListStore"/>), filled by the producers of the events that
/// concern the customer as they store them. Neither is rewritten as it grows. The grain holds
/// nothing in memory: every answer is read from the store.
/// </summary>
/// <remarks>
/// The customer stream is read only for the events an earlier version queued on it; they are
/// filed as a producer files them now, under the same keys, so one filed twice adds nothing.
/// </remarks>
[ImplicitStreamSubscription(StreamNames.Customer)]
public sealed class CustomerGrain(IListStore lists, IListedGrains listed, TimeProvider clock) : Grain, ICustomerGrain, IStreamSubscriptionObserver
{
    private string CustomerId => this.GetPrimaryKeyString();

    Task<ImmutableArray<string>> ICustomerGrain.OrderIds() => listed.WithRowsOf(lists, CustomerLists.OrdersOf(CustomerId));

    Task<ImmutableArray<Notification>> ICustomerGrain.Notifications() => lists.Read<Notification>(CustomerLists.InboxOf(CustomerId));

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(File);

    private Task File(DomainEvent domainEvent) =>
        Task.WhenAll(CustomerLists.EntriesQueuedFor(domainEvent, clock.GetUtcNow()).Select(lists.Apply));
}
