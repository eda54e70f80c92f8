using Orders.Grains.Caches;
using Orders.Grains.Events;

namespace Orders.Grains.Catalog;

/// <summary>
/// Brings a product's updates to every silo's product cache, which new orders are priced from and
/// open orders take their names from whenever they are read or write a change (<c>OrderGrain</c>):
/// an update costs a call per silo, however many orders are open.
/// </summary>
[ImplicitStreamSubscription(StreamNames.ProductUpdates)]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed class ProductUpdatesGrain(
    [PersistentState("product-updates", StorageNames.Main)] IPersistentState<ProductUpdatesState> relayed,
    SiloBroadcast broadcast) : Grain, IProductUpdatesGrain, IStreamSubscriptionObserver
{
    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    /// <summary>
    /// Product updates carry their version, so each is passed on once in order: the broadcast is
    /// idempotent (caches keep the newest version), and it runs before the update is stored, so a
    /// crash in between repeats it rather than skipping it.
    /// </summary>
    private async Task Apply(DomainEvent domainEvent)
    {
        if (domainEvent is ProductUpdated updated && relayed.State.IsNewer(updated.Product))
        {
            await broadcast.ProductUpdated(updated.Product);
            await relayed.Save(relayed.State with { Latest = updated.Product }, this);
        }
    }
}
