using Orders.Grains.Restaurants;

namespace Orders.Gateway.Mapping;

public static class RestaurantMapping
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxMenuSize = 1000;

    public static RestaurantProfile ToProfile(this V1.CreateRestaurantRequest request) =>
        Profile(request.Name, request.Address);

    public static RestaurantProfile ToProfile(this V1.UpdateRestaurantRequest request) =>
        Profile(request.Name, request.Address);

    public static ImmutableArray<string> ToMenu(this V1.SetMenuRequest request) =>
        Require.Items(request.ProductIds, "product_ids", MaxMenuSize, allowEmpty: true)
            .Select((id, index) => Require.Id(id, $"product_ids[{index}]"))
            .ToImmutableArray();

    public static V1.Restaurant ToProto(this RestaurantDetails restaurant) => new()
    {
        RestaurantId = restaurant.RestaurantId,
        Name = restaurant.Profile.Name,
        Address = restaurant.Profile.Address,
        MenuProductIds = { restaurant.Menu },
        Version = restaurant.Version,
    };

    private static RestaurantProfile Profile(string name, string address) => new(
        Require.Text(name, "name", MaxNameLength),
        Require.OptionalText(address, "address", MaxAddressLength));
}
