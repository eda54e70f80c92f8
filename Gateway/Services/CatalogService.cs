using Orders.Grains.Catalog;
using Orders.Grains.Restaurants;

namespace Orders.Gateway.Services;

public sealed class CatalogService(IGrainFactory grains) : V1.CatalogService.CatalogServiceBase
{
    public override async Task<V1.Product> CreateProduct(V1.CreateProductRequest request, ServerCallContext context)
    {
        var productId = Require.Id(request.ProductId, "product_id");
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var info = request.ToInfo();
        Caller.Of(context).ActsAs(Roles.Restaurant, restaurantId);
        var created = await Product(productId).Create(restaurantId, info);
        return created.Answer(context, product => product.ToProto());
    }

    public override async Task<V1.Product> UpdateProduct(V1.UpdateProductRequest request, ServerCallContext context)
    {
        var productId = Require.Id(request.ProductId, "product_id");
        var info = request.ToInfo();
        var caller = Caller.Of(context);
        // A product that does not exist is NOT_FOUND at once: going on, the update could land on one another restaurant created meanwhile.
        if (caller.Restricted)
            caller.ActsAs(Roles.Restaurant, (await Product(productId).Get()).OrNotFound($"product '{productId}'").RestaurantId);
        var updated = await Product(productId).Update(info);
        return updated.Answer(context, product => product.ToProto());
    }

    public override async Task<V1.Product> GetProduct(V1.GetProductRequest request, ServerCallContext context)
    {
        var productId = Require.Id(request.ProductId, "product_id");
        var product = await Product(productId).Get();
        return product.OrNotFound($"product '{productId}'").ToProto();
    }

    public override async Task<V1.ListRestaurantProductsResponse> ListRestaurantProducts(
        V1.ListRestaurantProductsRequest request, ServerCallContext context)
    {
        var restaurantId = Require.Id(request.RestaurantId, "restaurant_id");
        var page = Page.From(request.PageSize, request.PageToken);
        var restaurant = (await grains.Reference<IRestaurantGrain>(restaurantId).Get()).OrNotFound($"restaurant '{restaurantId}'");
        // A thousand products with long descriptions in one answer passed what clients accept (gRPC's
        // 4 MB). By id, an order a menu change leaves as it was, as the menu's own does not.
        var (productIds, next) = page.Of([.. restaurant.Products.Order(StringComparer.Ordinal)], id => id);
        var products = await Task.WhenAll(productIds.Select(id => Product(id).Get()));
        // A menu entry whose create failed after the restaurant listed it may name another restaurant's product since.
        return new V1.ListRestaurantProductsResponse
        {
            Products = { products.OfType<ProductDetails>().Where(product => product.RestaurantId == restaurantId).Select(product => product.ToProto()) },
            NextPageToken = next,
        };
    }

    private IProductGrain Product(string productId) => grains.Reference<IProductGrain>(productId);
}
