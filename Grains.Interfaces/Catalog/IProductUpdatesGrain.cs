namespace Orders.Grains.Catalog;

/// <summary>
/// Passes each of one product's updates to every silo's cache, from which its open orders and new
/// orders take it. Key: the product id. It is called by no one: its stream brings it the updates.
/// </summary>
[Alias("orders.IProductUpdatesGrain")]
public interface IProductUpdatesGrain : IGrainWithStringKey;
