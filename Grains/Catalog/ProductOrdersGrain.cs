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

    /// <summary>
    /// Order and product events, each applied once without a dedupe mark per order (those grew with
    /// every order of the product): an order is followed only while its own status says it is open,
    /// so a placement delivered again after the order ended adds nothing, and an end removes only an
    /// order still followed. Product updates carry their version.
    /// </summary>
    private async Task Apply(DomainEvent domainEvent)
    {
        var state = followers.State;
        switch (domainEvent)
        {
            // The fan-out is idempotent (orders and caches keep the newest version), so it runs before
            // the update is stored: a crash in between repeats it rather than skipping it.
            case ProductUpdated updated when state.IsNewer(updated.Product):
                await Task.WhenAll(state.OpenOrders.Select(orderId => Order(orderId).RefreshProduct(updated.Product)));
                await broadcast.ProductUpdated(updated.Product);
                await followers.Save(state with { Latest = updated.Product }, this);
                break;
            case OrderPlaced placed when !state.OpenOrders.Contains(placed.OrderId) && await Order(placed.OrderId).Status() is { } status && status.IsOpen():
                // The order may have been priced from details older than an update seen here first.
                if (state.Latest is { } latest)
                    await Order(placed.OrderId).RefreshProduct(latest);
                await followers.Save(state with { OpenOrders = state.OpenOrders.Add(placed.OrderId) }, this);
                break;
            case OrderCancelled cancelled when state.OpenOrders.Contains(cancelled.OrderId):
                await Unfollow(cancelled.OrderId);
                break;
            case DeliveryStatusChanged delivered when state.OpenOrders.Contains(delivered.OrderId):
                await Unfollow(delivered.OrderId);
                break;
        }
    }

    private Task Unfollow(string orderId) =>
        followers.Save(followers.State with { OpenOrders = followers.State.OpenOrders.Remove(orderId) }, this);

    private IOrderGrain Order(string orderId) => grains.GetGrain<IOrderGrain>(orderId);
}
