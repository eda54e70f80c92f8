using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Grains.Customers;

/// <summary>
/// A customer: the orders they placed and their inbox, filled from the customer stream. Both
/// are lists stored an entry per row (<see cref="IListStore"/>), so a new order or notification
/// writes itself alone, however long the customer's history. The grain holds nothing in memory:
/// every answer is read from the store.
/// </summary>
/// <remarks>
/// A notification's key is its event's source and sequence number, as every consumer tells a
/// repeat (<see cref="AppliedEvents"/>), so an event delivered again adds nothing and no dedupe
/// marks are kept beside the inbox.
/// </remarks>
[ImplicitStreamSubscription(StreamNames.Customer)]
public sealed class CustomerGrain(IListStore lists, TimeProvider clock) : Grain, ICustomerGrain, IStreamSubscriptionObserver
{
    private string OrdersList => $"customer/{this.GetPrimaryKeyString()}/orders";

    private string InboxList => $"customer/{this.GetPrimaryKeyString()}/inbox";

    Task ICustomerGrain.RecordOrder(string orderId) => List(orderId);

    Task<ImmutableArray<string>> ICustomerGrain.OrderIds() => lists.Read<string>(OrdersList);

    Task<ImmutableArray<Notification>> ICustomerGrain.Notifications() => lists.Read<Notification>(InboxList);

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    /// <summary>
    /// Fills the inbox, and lists a placed order again: the order lists itself while it places
    /// (<see cref="ICustomerGrain.RecordOrder"/>) so that its customer sees it at once, but a placement
    /// whose listing failed still stands, and its OrderPlaced, queued with the placement, lists it here.
    /// </summary>
    private Task Apply(DomainEvent domainEvent) => Task.WhenAll(
        domainEvent is OrderPlaced placed ? List(placed.OrderId) : Task.CompletedTask,
        Notify(domainEvent));

    /// <summary>Adds an order to the customer's orders; one already there stays where it is.</summary>
    private Task List(string orderId) => lists.Add(OrdersList, orderId, orderId);

    private Task Notify(DomainEvent domainEvent) =>
        NotificationText.For(domainEvent, clock.GetUtcNow()) is { } notification
            ? lists.Add(InboxList, domainEvent.Header.Key, notification)
            : Task.CompletedTask;
}
