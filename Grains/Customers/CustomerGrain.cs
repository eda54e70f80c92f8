using Orders.Grains.Lists;
using Orders.Grains.Orders;

namespace Orders.Grains.Customers;

/// <summary>
/// A customer: the orders they placed and their inbox (<see cref="CustomerLists"/>). Each order's
/// stored state lists it among its customer's (<see cref="IListedGrains"/>) and keeps what it told
/// them (<see cref="INotifyingState"/>); the rest of the inbox is a list stored an entry per row
/// (<see cref="IListStore"/>), filled by the other producers of the events that concern the
/// customer as they store them. Neither is rewritten as it grows. The grain holds nothing in
/// memory: every answer is read from the store.
/// </summary>
[GrainDirectory(DirectoryNames.SingleActivation)]
public sealed class CustomerGrain(IListStore lists, IListedGrains listed) : Grain, ICustomerGrain
{
    private string CustomerId => this.GetPrimaryKeyString();

    Task<ImmutableArray<string>> ICustomerGrain.OrderIds() => listed.In(CustomerLists.OrdersOf(CustomerId));

    /// <summary>
    /// The inbox's rows (other producers' notifications) and what the customer's orders keep in
    /// their states (<see cref="INotifyingState"/>), in the order they were received, as each
    /// producer's silo stamped it.
    /// </summary>
    async Task<ImmutableArray<Notification>> ICustomerGrain.Notifications()
    {
        var rows = await lists.Read<Notification>(CustomerLists.InboxOf(CustomerId));
        var orders = await listed.StatesListedIn<OrderState>(OrderGrain.StateName, CustomerLists.OrdersOf(CustomerId));
        return [.. rows.Concat(orders.SelectMany(order => order.Notifications)).OrderBy(notification => notification.ReceivedAt)];
    }
}
