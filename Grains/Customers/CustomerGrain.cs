using Orders.Grains.Events;

namespace Orders.Grains.Customers;

/// <summary>A customer: the orders they placed and their inbox, filled from the customer stream.</summary>
[ImplicitStreamSubscription(StreamNames.Customer)]
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Main)] IPersistentState<CustomerState> customer,
    TimeProvider clock) : Grain, ICustomerGrain, IStreamSubscriptionObserver
{
    async Task ICustomerGrain.RecordOrder(string orderId)
    {
        if (!customer.State.OrderIds.Contains(orderId))
            await customer.Save(customer.State with { OrderIds = customer.State.OrderIds.Add(orderId) }, this);
    }

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Notify);

    Task<ImmutableArray<string>> ICustomerGrain.OrderIds() => Task.FromResult(customer.State.OrderIds);

    Task<ImmutableArray<Notification>> ICustomerGrain.Notifications() => Task.FromResult(customer.State.Notifications);

    private async Task Notify(DomainEvent domainEvent)
    {
        if (customer.State.Applied.Contains(domainEvent.Header) || NotificationText.For(domainEvent, clock.GetUtcNow()) is not { } notification)
            return;
        await customer.Save(customer.State.Notify(domainEvent.Header, notification), this);
    }
}
