using Orders.Grains.Restaurants;

namespace Orders.Gateway.Services;

public sealed class RestaurantService(IGrainFactory grains) : V1.RestaurantService.RestaurantServiceBase
{
    public override async Task<V1.Restaurant> CreateRestaurant(V1.CreateRestaurantRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var profile = request.ToProfile();
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        var created = await Restaurant(restaurantId).Create(profile);
        return created.Answer(context, restaurant => restaurant.ToProto());
    }

    public override async Task<V1.Restaurant> UpdateRestaurant(V1.UpdateRestaurantRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var profile = request.ToProfile();
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        var updated = await Restaurant(restaurantId).Update(profile);
        return updated.Answer(context, restaurant => restaurant.ToProto());
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
        var menu = request.ToMenu();
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        var updated = await Restaurant(restaurantId).SetMenu(menu);
        return updated.Answer(context, restaurant => restaurant.ToProto());
    }

    public override async Task<V1.Restaurant> UpdateRestaurantSettings(V1.UpdateRestaurantSettingsRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var settings = request.ToSettings();
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        var updated = await Restaurant(restaurantId).Configure(settings);
        return updated.Answer(context, restaurant => restaurant.ToProto());
    }

    public override async Task<V1.ListPendingOrdersResponse> ListPendingOrders(V1.ListPendingOrdersRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        var restaurant = Restaurant(restaurantId);
        (await restaurant.Get()).OrNotFound($"restaurant '{restaurantId}'");
        return new V1.ListPendingOrdersResponse
        {
            Pending = { (await restaurant.PendingOrders()).Select(pending => pending.ToProto()) },
            Kitchen = { (await restaurant.Kitchen()).Select(ticket => ticket.ToProto()) },
        };
    }

    public override async Task<V1.Order> AcceptOrder(V1.RestaurantOrderRequest request, ServerCallContext context)
    {
        var (restaurant, orderId) = Target(request, context);
        return (await restaurant.AcceptOrder(orderId)).Answer(context, order => order.ToProto());
    }

    public override async Task<V1.Order> RejectOrder(V1.RejectOrderRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var orderId = Require.Id(request.OrderId, "order_id");
        var reason = Require.Reason(request.Reason);
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        var restaurant = Restaurant(restaurantId);
        return (await restaurant.RejectOrder(orderId, reason.Length == 0 ? RestaurantMapping.NoReasonGiven : reason)).Answer(context, order => order.ToProto());
    }

    public override async Task<V1.Order> MarkOrderReady(V1.RestaurantOrderRequest request, ServerCallContext context)
    {
        var (restaurant, orderId) = Target(request, context);
        return (await restaurant.MarkOrderReady(orderId)).Answer(context, order => order.ToProto());
    }

    private (IRestaurantGrain Restaurant, string OrderId) Target(V1.RestaurantOrderRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var orderId = Require.Id(request.OrderId, "order_id");
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        return (Restaurant(restaurantId), orderId);
    }

    private IRestaurantGrain Restaurant(string restaurantId) => grains.Reference<IRestaurantGrain>(restaurantId);
}
