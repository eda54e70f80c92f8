namespace Orders.Grains.Customers;

/// <summary>
/// A customer's view of the platform: the orders they placed and their notification inbox, which
/// the producers of the events that concern them fill as they store them. Key: the customer id.
/// </summary>
[Alias("orders.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>The customer's order ids, oldest first.</summary>
    [Alias("OrderIds")]
    Task<ImmutableArray<string>> OrderIds();

    /// <summary>The customer's notifications, oldest first.</summary>
    [Alias("Notifications")]
    Task<ImmutableArray<Notification>> Notifications();
}
