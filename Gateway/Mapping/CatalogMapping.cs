using Orders.Grains.Catalog;

namespace Orders.Gateway.Mapping;

public static class CatalogMapping
{
    public const int MaxDescriptionLength = 2000;

    public static ProductInfo ToInfo(this V1.CreateProductRequest request) =>
        Info(request.Name, request.Description, request.Price, request.HasAvailable, request.Available);

    public static ProductInfo ToInfo(this V1.UpdateProductRequest request) =>
        Info(request.Name, request.Description, request.Price, request.HasAvailable, request.Available);

    public static V1.Product ToProto(this ProductDetails product) => new()
    {
        ProductId = product.ProductId,
        RestaurantId = product.RestaurantId,
        Name = product.Info.Name,
        Description = product.Info.Description,
        Price = product.Info.Price.ToProto(),
        Available = product.Info.Available,
        Version = product.Version,
        RestaurantName = product.Restaurant.Name,
        RestaurantAddress = product.Restaurant.Address,
        OnMenu = !product.OffMenu,
    };

    private static ProductInfo Info(string name, string description, V1.Money? price, bool hasAvailable, bool available) => new(
        Require.Name(name),
        Require.OptionalText(description, "description", MaxDescriptionLength),
        Require.Price(price, "price"),
        Require.Flag(hasAvailable, available, "available"));
}
