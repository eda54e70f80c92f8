namespace Orders.Grains.Customers;

/// <summary>A customer: the orders they placed.</summary>
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Main)] IPersistentState<CustomerState> customer)
    : Grain, ICustomerGrain
{
    async Task ICustomerGrain.RecordOrder(string orderId)
    {
        if (!customer.State.OrderIds.Contains(orderId))
            await customer.Save(customer.State with { OrderIds = customer.State.OrderIds.Add(orderId) }, this);
    }

    Task<ImmutableArray<string>> ICustomerGrain.OrderIds() => Task.FromResult(customer.State.OrderIds);
}
