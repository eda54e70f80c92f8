using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Grains.Customers;

/// <summary>
/// A customer: the orders they placed and their inbox (<see cref="CustomerLists"/>). Both are
/// lists stored an entry per row (<see cref="IListStore"/>), filled by the producers of the
/// events that concern the customer as they store them, so a new order or notification writes
/// itself alone, however long the customer's history. The grain holds nothing in memory: every
/// answer is read from the store.
/// </summary>
/// <remarks>
/// The customer stream is read only for the events an earlier version queued on it; they are
/// filed as a producer files them now, under the same keys, so one filed twice adds nothing.
/// </remarks>
[ImplicitStreamSubscription(StreamNames.Customer)]
public sealed class CustomerGrain(IListStore lists, TimeProvider clock) : Grain, ICustomerGrain, IStreamSubscriptionObserver
{
    private string CustomerId => this.GetPrimaryKeyString();

    Task<ImmutableArray<string>> ICustomerGrain.OrderIds() => lists.Read<string>(CustomerLists.OrdersOf(CustomerId));

    Task<ImmutableArray<Notification>> ICustomerGrain.Notifications() => lists.Read<Notification>(CustomerLists.InboxOf(CustomerId));

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(File);

    private Task File(DomainEvent domainEvent) =>
        Task.WhenAll(CustomerLists.EntriesFor(domainEvent, clock.GetUtcNow()).Select(lists.Apply));
}
