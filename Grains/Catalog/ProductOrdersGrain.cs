using Orders.Grains.Caches;
using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;

namespace Orders.Grains.Catalog;

/// <summary>
/// Brings a product's updates to its open orders. The orders list and unlist themselves in the
/// statements that store them (<see cref="ProductLists"/>), so this grain keeps nothing of them in
/// memory: it reads the list when an update comes, and an order listed after that read takes the
/// update from its silo's product cache, which heard of it first (<c>OrderGrain</c>).
/// </summary>
[ImplicitStreamSubscription(StreamNames.ProductOrders)]
public sealed class ProductOrdersGrain(
    [PersistentState("product-orders", StorageNames.Main)] IPersistentState<ProductOrdersState> followers,
    IListStore lists,
    IGrainFactory grains,
    SiloBroadcast broadcast) : Grain, IProductOrdersGrain, IStreamSubscriptionObserver
{
    private string OpenOrdersList => ProductLists.OpenOrdersOf(this.GetPrimaryKeyString());

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    async Task<ImmutableArray<string>> IProductOrdersGrain.OpenOrders() =>
        [.. (await lists.Read<string>(OpenOrdersList)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Product updates, which carry their version, and the order events an earlier version queued
    /// here, each applied once without a dedupe mark per order: a placement is listed only while
    /// its order's own status says it is open, so one delivered again after the order ended adds
    /// nothing, and list changes are idempotent.
    /// </summary>
    private async Task Apply(DomainEvent domainEvent)
    {
        var state = followers.State;
        switch (domainEvent)
        {
            // The fan-out is idempotent (orders and caches keep the newest version), so it runs before
            // the update is stored: a crash in between repeats it rather than skipping it. The silos'
            // caches hear first: new orders take the new price (or see the product withdrawn) at once,
            // however many open orders the refresh has to reach, and whether or not one of them fails;
            // and an order listed after the list is read below finds the update in its cache.
            case ProductUpdated updated when state.IsNewer(updated.Product):
                await broadcast.ProductUpdated(updated.Product);
                var open = await lists.Read<string>(OpenOrdersList);
                await Task.WhenAll(open.Select(orderId => Order(orderId).RefreshProduct(updated.Product)));
                await followers.Save(state with { Latest = updated.Product }, this);
                break;
            case OrderPlaced placed when await Order(placed.OrderId).Status() is { } status && status.IsOpen():
                // The order may have been priced from details older than an update seen here first.
                if (state.Latest is { } latest)
                    await Order(placed.OrderId).RefreshProduct(latest);
                await lists.Add(OpenOrdersList, placed.OrderId, placed.OrderId);
                break;
            case OrderCancelled or DeliveryStatusChanged { Status: DeliveryStatus.Delivered }:
                await Task.WhenAll(ProductLists.ChangesFor(domainEvent).Where(change => change.List == OpenOrdersList).Select(lists.Apply));
                break;
        }
    }

    private IOrderGrain Order(string orderId) => grains.Reference<IOrderGrain>(orderId);
}
