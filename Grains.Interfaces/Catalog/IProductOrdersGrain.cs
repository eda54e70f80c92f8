namespace Orders.Grains.Catalog;

/// <summary>
/// Follows one product for the orders that hold it: keeps the open orders (from OrderPlaced until
/// OrderCancelled or delivery), and passes each ProductUpdated to them and to every silo's cache. Key: the product id.
/// </summary>
[Alias("orders.IProductOrdersGrain")]
public interface IProductOrdersGrain : IGrainWithStringKey
{
    [Alias("OpenOrders")]
    Task<ImmutableArray<string>> OpenOrders();
}
