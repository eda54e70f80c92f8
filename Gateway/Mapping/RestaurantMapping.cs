using Google.Protobuf.WellKnownTypes;
using Orders.Grains.Delivery;
using Orders.Grains.Restaurants;

namespace Orders.Gateway.Mapping;

public static class RestaurantMapping
{
    public const int MaxAddressLength = 500;
    public const int MaxKitchenCapacity = 1000;
    public static readonly TimeSpan MaxPrepTime = TimeSpan.FromDays(1);

    /// <summary>A rejection's reason when the restaurant gives none.</summary>
    public const string NoReasonGiven = "no reason given";

    public static RestaurantProfile ToProfile(this V1.CreateRestaurantRequest request) =>
        Profile(request.Name, request.Address);

    public static RestaurantProfile ToProfile(this V1.UpdateRestaurantRequest request) =>
        Profile(request.Name, request.Address);

    public static ImmutableArray<string> ToMenu(this V1.SetMenuRequest request) =>
        Require.Items(request.ProductIds, "product_ids", RestaurantDetails.MaxMenuSize, allowEmpty: true)
            .Select((id, index) => Require.Id(id, $"product_ids[{index}]"))
            .ToImmutableArray();

    public static V1.Restaurant ToProto(this RestaurantDetails restaurant) => new()
    {
        RestaurantId = restaurant.RestaurantId,
        Name = restaurant.Profile.Name,
        Address = restaurant.Profile.Address,
        MenuProductIds = { restaurant.Menu },
        Version = restaurant.Version,
        Settings = new V1.RestaurantSettings
        {
            Open = restaurant.Settings.Open,
            AutoAccept = restaurant.Settings.AutoAccept,
            PrepTime = Duration.FromTimeSpan(restaurant.Settings.PrepTime),
            KitchenCapacity = restaurant.Settings.KitchenCapacity,
            Zone = restaurant.Settings.Zone,
        },
    };

    public static RestaurantSettings ToSettings(this V1.UpdateRestaurantSettingsRequest request)
    {
        var settings = request.Settings ?? throw new InvalidFieldException("settings", "is required");
        var prepTime = Require.Duration(settings.PrepTime, "settings.prep_time", MaxPrepTime);
        if (settings.KitchenCapacity is < 1 or > MaxKitchenCapacity)
            throw new InvalidFieldException("settings.kitchen_capacity", $"must be between 1 and {MaxKitchenCapacity}");
        // Given whole, as the flags: one left out moved the restaurant to the default zone, whose
        // drivers never came for its orders, each cancelled for want of one half an hour later.
        var zone = settings.Zone.Length == 0
            ? throw new InvalidFieldException("settings.zone", $"is required (\"{DeliveryZones.Default}\" for the default zone)")
            : Require.Id(settings.Zone, "settings.zone");
        var open = Require.Flag(settings.HasOpen, settings.Open, "settings.open");
        var autoAccept = Require.Flag(settings.HasAutoAccept, settings.AutoAccept, "settings.auto_accept");
        return new RestaurantSettings(open, autoAccept, prepTime, settings.KitchenCapacity, zone);
    }

    public static V1.PendingOrder ToProto(this PendingOrder pending) => new()
    {
        OrderId = pending.OrderId,
        CustomerId = pending.CustomerId,
        Total = pending.Total.ToProto(),
        PaidAt = Timestamp.FromDateTimeOffset(pending.PaidAt),
    };

    public static V1.KitchenTicket ToProto(this KitchenTicket ticket) => new()
    {
        OrderId = ticket.OrderId,
        ReadyAt = ticket.ReadyAt is { } readyAt ? Timestamp.FromDateTimeOffset(readyAt) : null,
    };

    private static RestaurantProfile Profile(string name, string address) => new(
        Require.Name(name),
        Require.OptionalText(address, "address", MaxAddressLength));
}
