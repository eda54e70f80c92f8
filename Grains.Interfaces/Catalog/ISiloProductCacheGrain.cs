namespace Orders.Grains.Catalog;

/// <summary>One silo's product cache as a grain, so a ProductUpdated can reach every silo. Key: the silo's address.</summary>
[Alias("orders.ISiloProductCacheGrain")]
public interface ISiloProductCacheGrain : IGrainWithStringKey
{
    [Alias("Refresh"), OneWay]
    Task Refresh(ProductDetails product);
}
