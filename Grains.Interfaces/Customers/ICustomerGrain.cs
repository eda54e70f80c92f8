namespace Orders.Grains.Customers;

/// <summary>A customer's view of the platform: the orders they placed. Key: the customer id.</summary>
[Alias("orders.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Remembers an order; recording it twice keeps one entry.</summary>
    [Alias("RecordOrder")]
    Task RecordOrder(string orderId);

    /// <summary>The customer's order ids, oldest first.</summary>
    [Alias("OrderIds")]
    Task<ImmutableArray<string>> OrderIds();
}
