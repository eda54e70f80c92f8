using Orders.Grains.Caches;
using Orders.Grains.Events;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Catalog;

/// <summary>
/// One product: what it is, what it costs, and a snapshot of the restaurant selling it, which
/// follows ProductListingChanged. Every change after its creation is published as ProductUpdated.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Product)]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed class ProductGrain(
    [PersistentState("product", StorageNames.Main)] IPersistentState<ProductState> product,
    IGrainFactory grains,
    SiloBroadcast broadcast,
    TimeProvider clock) : Grain, IProductGrain, IStreamSubscriptionObserver
{
    private EventOutbox<ProductState> outbox = null!;

    /// <summary>
    /// The details as stored, which <see cref="IProductGrain.Get"/> answers. Get interleaves with
    /// the grain's own calls, so it can run while a change is being written and the state already
    /// holds it; a change whose write then fails must not have been seen (an order priced from it
    /// would carry a price that never existed).
    /// </summary>
    private ProductDetails? stored;

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(FollowRestaurant);

    private string ProductId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        outbox = new EventOutbox<ProductState>(product, this, EventSources.Product(ProductId));
        await outbox.Resume();
        stored = product.State.Details;
    }

    async Task<Result<ProductDetails>> IProductGrain.Create(string restaurantId, ProductInfo info)
    {
        if (product.State.Details is { } existing)
        {
            return existing.RestaurantId == restaurantId && existing.Info == info
                ? existing                                   // a retry of the same create
                : Refusal.AlreadyExists($"product '{ProductId}' already exists");
        }

        var added = await grains.Reference<IRestaurantGrain>(restaurantId).AddProduct(ProductId);
        if (added.Refusal is { } refusal)
            return refusal;

        var owner = added.Value!;
        var restaurant = new RestaurantSnapshot(owner.Profile.Name, owner.Profile.Address);
        var created = new ProductDetails(ProductId, restaurantId, info, restaurant, Version: 1) { OffMenu = owner.OffMenu.Contains(ProductId) };
        await Save(product.State with { Details = created });
        return created;
    }

    async Task<Result<ProductDetails>> IProductGrain.Update(ProductInfo info)
    {
        if (product.State.Details is not { } current)
            return Refusal.NotFound($"product '{ProductId}' not found");
        if (current.Info == info)
        {
            // An update sent again, whose first try's silo may have stored it and died before
            // telling the caches: its answer carries the same promise as the first's.
            await broadcast.ProductUpdated(current);
            return current;
        }

        var updated = await Publish(product.State, current with { Info = info, Version = current.Version + 1 });
        // Orders placed after the answer are priced from the new details on every silo; the event
        // still brings them to any silo this left behind (and after a crash before this line).
        await broadcast.ProductUpdated(updated);
        return updated;
    }

    Task<ProductDetails?> IProductGrain.Get() => Task.FromResult(stored);

    /// <summary>
    /// Takes its restaurant's name, address and menu. A restaurant that names a product it does not
    /// own (listed by a create whose write then failed: the product never was, or the id went to
    /// another restaurant's create since) changes nothing, and writes nothing.
    /// </summary>
    private async Task FollowRestaurant(DomainEvent domainEvent)
    {
        if (domainEvent is not ProductListingChanged changed || product.State.Applied.Contains(changed.Header)
            || product.State.Details is not { } current || current.RestaurantId != changed.RestaurantId)
            return;

        var applied = product.State with { Applied = product.State.Applied.Add(changed.Header) };
        var followed = current with { Restaurant = changed.Profile, OffMenu = changed.OffMenu };
        if (followed != current)
            await Publish(applied, followed with { Version = current.Version + 1 });
        else
            await Save(applied);
    }

    private async Task<ProductDetails> Publish(ProductState state, ProductDetails next)
    {
        await Save(outbox.Raise(state with { Details = next }, clock.GetUtcNow(), header => new ProductUpdated(header, next)));
        return next;
    }

    private async Task Save(ProductState next)
    {
        await outbox.Save(next);
        stored = product.State.Details;
    }
}
