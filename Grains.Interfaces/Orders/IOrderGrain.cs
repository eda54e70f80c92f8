using Orders.Grains.Catalog;

namespace Orders.Grains.Orders;

/// <summary>One order. Key: the order id (client-chosen, or made by the gateway).</summary>
[Alias("orders.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Prices the lines from the catalog and reserves every one, all or nothing. A retry with
    /// the same content gets the first answer; other content is refused as already existing.
    /// </summary>
    [Alias("Place")]
    Task<Result<OrderSnapshot>> Place(PlaceOrder command);

    /// <summary>The order, or null if none was placed under this id.</summary>
    [Alias("Get")]
    Task<OrderSnapshot?> Get();

    /// <summary>Cancels a placed order and releases its stock; cancelling twice is harmless.</summary>
    [Alias("Cancel")]
    Task<Result<OrderSnapshot>> Cancel(string reason);

    /// <summary>Takes a product's newer descriptive details while the order is open; the price stays as placed.</summary>
    [Alias("RefreshProduct")]
    Task RefreshProduct(ProductDetails product);
}
