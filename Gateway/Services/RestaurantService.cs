using Orders.Grains.Restaurants;

namespace Orders.Gateway.Services;

public sealed class RestaurantService(IGrainFactory grains) : V1.RestaurantService.RestaurantServiceBase
{
    public override async Task<V1.Restaurant> CreateRestaurant(V1.CreateRestaurantRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var created = await Restaurant(restaurantId).Create(request.ToProfile());
        return created.Unwrap().ToProto();
    }

    public override async Task<V1.Restaurant> UpdateRestaurant(V1.UpdateRestaurantRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var updated = await Restaurant(restaurantId).Update(request.ToProfile());
        return updated.Unwrap().ToProto();
    }

    public override async Task<V1.Restaurant> GetRestaurant(V1.GetRestaurantRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var restaurant = await Restaurant(restaurantId).Get();
        return restaurant.OrNotFound($"restaurant '{restaurantId}'").ToProto();
    }

    public override async Task<V1.Restaurant> SetMenu(V1.SetMenuRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var updated = await Restaurant(restaurantId).SetMenu(request.ToMenu());
        return updated.Unwrap().ToProto();
    }

    private IRestaurantGrain Restaurant(string restaurantId) => grains.GetGrain<IRestaurantGrain>(restaurantId);
}
