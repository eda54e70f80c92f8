using Orders.Compat.Seed003.Restaurants;
using Orders.Grains.Catalog;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;

namespace Orders.Gateway.Compat;

/// <summary>
/// Seed 003's <c>restaurant_service.RestaurantService</c>. The seed knows no call to create a
/// restaurant or a product: its menu's items are the restaurant's products, so UpdateMenu creates
/// what it names for the first time (the restaurant under its id as name), updates what changed,
/// and makes the items the whole menu.
/// </summary>
public sealed class Seed003RestaurantService(IGrainFactory grains, GatewayOptions options) : RestaurantService.RestaurantServiceBase
{
    public override async Task<UpdateMenuResponse> UpdateMenu(UpdateMenuRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var items = Require.Items(request.Items, "items", RestaurantDetails.MaxMenuSize, allowEmpty: true)
            .Select((item, index) => ToProduct(item, $"items[{index}]"))
            .ToImmutableArray();
        if (items.GroupBy(item => item.Id, StringComparer.Ordinal).FirstOrDefault(named => named.Count() > 1) is { } twice)
            throw new InvalidFieldException("items", $"must name each item once ('{twice.Key}' is named more than once)");
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);

        var stored = await Task.WhenAll(items.Select(item => grains.Reference<IProductGrain>(item.Id).Get()));
        // Checked before anything is created, so that a refused menu changes nothing.
        if (stored.FirstOrDefault(product => product is not null && product.RestaurantId != restaurantId) is { } taken)
            throw new RefusedException(Refusal.FailedPrecondition($"item '{taken.ProductId}' is a product of another restaurant"));

        var restaurant = Restaurant(restaurantId);
        var details = await restaurant.Get();
        // Each new item takes one of the restaurant's products for good: a menu past the limit is
        // refused here, not by its restaurant halfway through creating the items.
        var known = (details?.Products ?? []).ToHashSet(StringComparer.Ordinal);
        // A product its restaurant lists but whose own write failed is not new: it keeps its place.
        var products = known.Count + items.Where((item, index) => stored[index] is null && !known.Contains(item.Id)).Count();
        if (products > RestaurantDetails.MaxMenuSize)
            throw new RefusedException(Refusal.FailedPrecondition(
                $"restaurant '{restaurantId}' would have {products} products; it can have {RestaurantDetails.MaxMenuSize}"));
        if (details is null
            && (await restaurant.Create(new RestaurantProfile(restaurantId, ""))).Refusal is { Kind: not RefusalKind.AlreadyExists } refused)
            throw new RefusedException(refused);
        var offered = await Task.WhenAll(items.Select((item, index) => Offer(restaurantId, item.Id, item.Info, stored[index])));
        if (offered.FirstOrDefault(refusal => refusal is not null) is { } notOffered)
            throw new RefusedException(notOffered);

        var menu = await restaurant.SetMenu([.. items.Select(item => item.Id)]);
        return menu.Answer(context, _ => new UpdateMenuResponse { Status = SeedStatuses.Success });
    }

    public override async Task<OrderDecisionResponse> AcceptOrder(OrderDecisionRequest request, ServerCallContext context)
    {
        var (restaurant, orderId) = Target(request, context);
        return Decision(await OncePaid(restaurant, orderId, () => restaurant.AcceptOrder(orderId), context), SeedStatuses.Accepted, context);
    }

    public override async Task<OrderDecisionResponse> RejectOrder(OrderDecisionRequest request, ServerCallContext context)
    {
        var (restaurant, orderId) = Target(request, context);
        return Decision(await OncePaid(restaurant, orderId, () => restaurant.RejectOrder(orderId, RestaurantMapping.NoReasonGiven), context), SeedStatuses.Rejected, context);
    }

    /// <summary>
    /// A decision on an order the seed's client cannot tell from a paid one: seed 003 answers PLACED
    /// for both, and a charge slower than the placement's wait is paid a moment after PlaceOrder
    /// answered. Only the restaurant's own order is waited for: another's was refused after the
    /// wait, telling its caller that it existed and was unpaid.
    /// </summary>
    private Task<Result<OrderSnapshot>> OncePaid(IRestaurantGrain restaurant, string orderId, Func<Task<Result<OrderSnapshot>>> decide, ServerCallContext context) =>
        SeedPatience.Retry(
            decide,
            async () => await grains.Reference<IOrderGrain>(orderId).Get() is { Status: OrderStatus.Pending or OrderStatus.Placed } order
                && order.RestaurantId == restaurant.GetPrimaryKeyString(),
            context.CancellationToken);

    /// <summary>The decision as the seed names it: a rejected order is cancelled here, and the seed calls it REJECTED.</summary>
    private static OrderDecisionResponse Decision(Result<OrderSnapshot> decided, string status, ServerCallContext context) =>
        decided.Answer(context, order => new OrderDecisionResponse { OrderId = order.OrderId, Status = status });

    private (string Id, ProductInfo Info) ToProduct(MenuItem item, string field) => (
        Require.Id(item.ItemId, $"{field}.item_id"),
        new ProductInfo(
            Require.Name(item.Name, $"{field}.name"),
            Require.OptionalText(item.Description, $"{field}.description", CatalogMapping.MaxDescriptionLength),
            SeedMoney.Price(item.Price, options.SeedCurrency, $"{field}.price"),
            Available: true));

    /// <summary>Puts the product on offer as <paramref name="info"/> says; null once it is, else why not.</summary>
    private async Task<Refusal?> Offer(string restaurantId, string productId, ProductInfo info, ProductDetails? stored)
    {
        var product = grains.Reference<IProductGrain>(productId);
        // Unchanged, it is updated all the same: the product then tells every silo's cache again,
        // which a first try's silo may have died before doing.
        if (stored is not null)
            return (await product.Update(info)).Refusal;
        var created = await product.Create(restaurantId, info);
        // Another UpdateMenu naming it created it first: then it is this one's to update, if it is this restaurant's.
        return created.Refusal?.Kind == RefusalKind.AlreadyExists && await product.Get() is { } raced && raced.RestaurantId == restaurantId
            ? await Offer(restaurantId, productId, info, raced)
            : created.Refusal;
    }

    private (IRestaurantGrain Restaurant, string OrderId) Target(OrderDecisionRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var orderId = Require.Id(request.OrderId, "order_id");
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        return (Restaurant(restaurantId), orderId);
    }

    private IRestaurantGrain Restaurant(string restaurantId) => grains.Reference<IRestaurantGrain>(restaurantId);
}
