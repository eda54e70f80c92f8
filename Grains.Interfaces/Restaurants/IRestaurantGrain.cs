namespace Orders.Grains.Restaurants;

/// <summary>A restaurant: its profile and its menu. Key: the restaurant id.</summary>
[Alias("orders.IRestaurantGrain")]
public interface IRestaurantGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Result<RestaurantDetails>> Create(RestaurantProfile profile);

    [Alias("Update")]
    Task<Result<RestaurantDetails>> Update(RestaurantProfile profile);

    /// <summary>The restaurant, or null if it was never created.</summary>
    [Alias("Get")]
    Task<RestaurantDetails?> Get();

    /// <summary>Replaces the menu; every product must exist and belong to this restaurant.</summary>
    [Alias("SetMenu")]
    Task<Result<RestaurantDetails>> SetMenu(ImmutableArray<string> productIds);

    /// <summary>Adds a new product to the menu and answers with the profile the product snapshots.</summary>
    [Alias("AddToMenu")]
    Task<Result<RestaurantProfile>> AddToMenu(string productId);
}
