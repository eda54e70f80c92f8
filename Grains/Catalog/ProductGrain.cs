using Orders.Grains.Restaurants;

namespace Orders.Grains.Catalog;

/// <summary>One product: what it is, what it costs, and a snapshot of the restaurant selling it.</summary>
public sealed class ProductGrain(
    [PersistentState("product", StorageNames.Main)] IPersistentState<ProductState> product,
    IGrainFactory grains) : Grain, IProductGrain
{
    private string ProductId => this.GetPrimaryKeyString();

    async Task<Result<ProductDetails>> IProductGrain.Create(string restaurantId, ProductInfo info)
    {
        if (product.State.Details is { } existing)
        {
            return existing.RestaurantId == restaurantId && existing.Info == info
                ? existing                                   // a retry of the same create
                : Refusal.AlreadyExists($"product '{ProductId}' already exists");
        }

        var listed = await grains.GetGrain<IRestaurantGrain>(restaurantId).AddToMenu(ProductId);
        if (listed.Refusal is { } refusal)
            return refusal;

        var restaurant = new RestaurantSnapshot(listed.Value!.Name, listed.Value.Address);
        return await Save(new ProductDetails(ProductId, restaurantId, info, restaurant, Version: 1));
    }

    async Task<Result<ProductDetails>> IProductGrain.Update(ProductInfo info)
    {
        if (product.State.Details is not { } current)
            return Refusal.NotFound($"product '{ProductId}' not found");
        if (current.Info == info)
            return current;

        return await Save(current with { Info = info, Version = current.Version + 1 });
    }

    Task<ProductDetails?> IProductGrain.Get() => Task.FromResult(product.State.Details);

    private async Task<ProductDetails> Save(ProductDetails details)
    {
        await product.Save(new ProductState { Details = details }, this);
        return details;
    }
}
