using Microsoft.Extensions.Logging;
using Orders.Grains.Caches;
using Orders.Grains.Catalog;
using Orders.Grains.Events;
using Orders.Grains.Lists;

namespace Orders.Grains.Restaurants;

/// <summary>A restaurant's profile and menu. The products a change concerns are each told by a ProductListingChanged, which they follow.</summary>
[ImplicitStreamSubscription(StreamNames.Restaurant)]
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed partial class RestaurantGrain(
    [PersistentState(RestaurantGrain.StateName, StorageNames.Main)] IPersistentState<RestaurantState> restaurant,
    IListedGrains listed,
    IGrainFactory grains,
    SiloBroadcast broadcast,
    ILogger<RestaurantGrain> logger,
    TimeProvider clock) : Grain, IRestaurantGrain, IStreamSubscriptionObserver, IRemindable
{
    /// <summary>The name the restaurant's state is stored under.</summary>
    public const string StateName = "restaurant";

    private EventOutbox<RestaurantState> outbox = null!;
    private DurableTimer kitchenTimer = null!;

    /// <summary>
    /// The details as stored, which <see cref="IRestaurantGrain.Get"/> answers. Get interleaves
    /// with the grain's own calls, so it can run while a change is being written and the state
    /// already holds it; a change whose write then fails must not have been seen (an order would
    /// take an answer from settings that never existed).
    /// </summary>
    private RestaurantDetails? stored;

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory subscription) => subscription.Attach(Apply);

    private string RestaurantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        outbox = new EventOutbox<RestaurantState>(restaurant, this, EventSources.Restaurant(RestaurantId));
        kitchenTimer = new DurableTimer(this, "kitchen", restaurant.State.Kitchen.NextReady is not null);
        await outbox.Resume();
        stored = restaurant.State.Details;
        // The kitchen may hold orders with no timer: the last activation's silo died between the
        // write and the timer, and the OrderAccepted that came again finds the order in the kitchen.
        await kitchenTimer.At(restaurant.State.Kitchen.NextReady);
    }

    async Task<Result<RestaurantDetails>> IRestaurantGrain.Create(RestaurantProfile profile)
    {
        if (restaurant.State.Details is { } existing)
        {
            return existing.Profile == profile
                ? existing                                   // a retry of the same create
                : Refusal.AlreadyExists($"restaurant '{RestaurantId}' already exists");
        }

        return await Save(new RestaurantDetails(RestaurantId, profile, [], Version: 1));
    }

    async Task<Result<RestaurantDetails>> IRestaurantGrain.Update(RestaurantProfile profile)
    {
        if (restaurant.State.Details is not { } current)
            return NotFound();
        if (current.Profile == profile)
            return current;

        return await SaveAndTell(current with { Profile = profile, Version = current.Version + 1 }, current.Products);
    }

    Task<RestaurantDetails?> IRestaurantGrain.Get() => Task.FromResult(stored);

    async Task<Result<RestaurantDetails>> IRestaurantGrain.SetMenu(ImmutableArray<string> productIds)
    {
        if (restaurant.State.Details is not { } current)
            return NotFound();

        var menu = productIds.Distinct(StringComparer.Ordinal).ToImmutableArray();
        var products = await Task.WhenAll(menu.Select(id => grains.Reference<IProductGrain>(id).Get()));
        var missing = menu.Zip(products).Where(pair => pair.Second is null).Select(pair => pair.First).ToList();
        if (missing.Count > 0)
            return Refusal.NotFound($"unknown product: {Refusal.Names(missing)}");
        var foreign = products.Where(product => product!.RestaurantId != RestaurantId).Select(product => product!.ProductId).ToList();
        if (foreign.Count > 0)
            return Refusal.FailedPrecondition($"product of another restaurant: {Refusal.Names(foreign)}");

        // The same menu again tells every product again: one whose event was lost (to the dead
        // letters, after a silo's death) takes its place on the menu or off it at last.
        if (menu.SequenceEqual(current.Menu))
            return await SaveAndTell(current, current.Products);
        // Otherwise only those the change puts on the menu or takes off it hear of it.
        var moved = menu.Except(current.Menu).Concat(current.Menu.Except(menu));
        var offMenu = current.Products.Except(menu).ToImmutableArray();
        return await SaveAndTell(current with { Menu = menu, OffMenu = offMenu, Version = current.Version + 1 }, moved);
    }

    async Task<Result<RestaurantDetails>> IRestaurantGrain.AddProduct(string productId)
    {
        if (restaurant.State.Details is not { } current)
            return NotFound();
        if (current.Products.Contains(productId))
            return current;
        if (current.Products.Length >= RestaurantDetails.MaxMenuSize)
            return Refusal.FailedPrecondition($"restaurant '{RestaurantId}' has {RestaurantDetails.MaxMenuSize} products, as many as it can");

        // The product takes what it follows from this answer: no event for it.
        return await Save(current with { Menu = current.Menu.Add(productId), Version = current.Version + 1 });
    }

    /// <summary>Stores a new profile or menu with an event for each product in <paramref name="told"/>, which it follows.</summary>
    private async Task<RestaurantDetails> SaveAndTell(RestaurantDetails details, IEnumerable<string> told)
    {
        var now = clock.GetUtcNow();
        var snapshot = new RestaurantSnapshot(details.Profile.Name, details.Profile.Address);
        // A rename tells up to a thousand products: one lookup each, not a scan of the list.
        var offMenu = details.OffMenu.ToHashSet(StringComparer.Ordinal);
        var next = told.Aggregate(restaurant.State with { Details = details }, (state, productId) => outbox.Raise(state, now,
            header => new ProductListingChanged(header, RestaurantId, productId, snapshot, offMenu.Contains(productId))));
        await SaveState(next);
        return details;
    }

    private Refusal NotFound() => Refusal.NotFound($"restaurant '{RestaurantId}' not found");

    private async Task<RestaurantDetails> Save(RestaurantDetails details)
    {
        await SaveState(restaurant.State with { Details = details });
        return details;
    }

    private async Task SaveState(RestaurantState next)
    {
        await outbox.Save(next);
        stored = restaurant.State.Details;
    }
}
