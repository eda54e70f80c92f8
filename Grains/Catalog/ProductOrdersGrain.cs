using Orders.Grains.Events;
using Orders.Grains.Orders;

namespace Orders.Grains.Catalog;

[ImplicitStreamSubscription(StreamNames.ProductOrders)]
public sealed class ProductOrdersGrain(
    [PersistentState("product-orders", StorageNames.Main)] IPersistentState<ProductOrdersState> followers,
    IGrainFactory grains,
    SiloBroadcast broadcast) : Grain, IProductOrdersGrain, IStreamSubscriptionObserver
{
    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    Task<ImmutableArray<string>> IProductOrdersGrain.OpenOrders() => Task.FromResult(followers.State.OpenOrders.ToImmutableArray());

    private async Task Apply(DomainEvent domainEvent)
    {
        if (followers.State.Applied.Contains(domainEvent.Header))
            return;

        // The fan-out is idempotent (orders and caches keep the newest version), so it runs before
        // the event is recorded as applied: a crash in between repeats it rather than skipping it.
        switch (domainEvent)
        {
            case ProductUpdated updated:
                await Task.WhenAll(followers.State.OpenOrders.Select(orderId => Order(orderId).RefreshProduct(updated.Product)));
                await broadcast.ProductUpdated(updated.Product);
                break;
            case OrderPlaced placed when followers.State.Latest is { } latest:
                // The order may have been priced from details older than an update seen here first.
                await Order(placed.OrderId).RefreshProduct(latest);
                break;
        }

        await followers.Save(followers.State.Apply(domainEvent), this);
    }

    private IOrderGrain Order(string orderId) => grains.GetGrain<IOrderGrain>(orderId);
}
