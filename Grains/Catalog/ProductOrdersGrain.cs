using Orders.Grains.Delivery;
using Orders.Grains.Events;
using Orders.Grains.Lists;
using Orders.Grains.Orders;

namespace Orders.Grains.Catalog;

[ImplicitStreamSubscription(StreamNames.ProductOrders)]
public sealed class ProductOrdersGrain(
    [PersistentState("product-orders", StorageNames.Main)] IPersistentState<ProductOrdersState> followers,
    IListStore lists,
    IGrainFactory grains,
    SiloBroadcast broadcast) : Grain, IProductOrdersGrain, IStreamSubscriptionObserver
{
    /// <summary>The product's orders still open; a hot product has thousands, so they are stored an order per row.</summary>
    private DurableIdSet openOrders = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        openOrders = new DurableIdSet(lists, $"product/{this.GetPrimaryKeyString()}/open-orders");
        return openOrders.Load();
    }

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    Task<ImmutableArray<string>> IProductOrdersGrain.OpenOrders() => Task.FromResult(openOrders.Members.Order(StringComparer.Ordinal).ToImmutableArray());

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
            // the update is stored: a crash in between repeats it rather than skipping it. The silos'
            // caches hear first: new orders take the new price (or see the product withdrawn) at once,
            // however many open orders the refresh has to reach, and whether or not one of them fails.
            case ProductUpdated updated when state.IsNewer(updated.Product):
                await broadcast.ProductUpdated(updated.Product);
                await Task.WhenAll(openOrders.Members.Select(orderId => Order(orderId).RefreshProduct(updated.Product)));
                await followers.Save(state with { Latest = updated.Product }, this);
                break;
            case OrderPlaced placed when !openOrders.Contains(placed.OrderId) && await Order(placed.OrderId).Status() is { } status && status.IsOpen():
                // The order may have been priced from details older than an update seen here first.
                if (state.Latest is { } latest)
                    await Order(placed.OrderId).RefreshProduct(latest);
                await openOrders.Add(placed.OrderId);
                break;
            case OrderCancelled cancelled:
                await openOrders.Remove(cancelled.OrderId);
                break;
            case DeliveryStatusChanged { Status: DeliveryStatus.Delivered } delivered:
                await openOrders.Remove(delivered.OrderId);
                break;
        }
    }

    private IOrderGrain Order(string orderId) => grains.Reference<IOrderGrain>(orderId);
}
