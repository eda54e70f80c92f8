namespace Orders.Grains.Events;

/// <summary>An event its customer hears of: it may add to their orders and their inbox (<c>CustomerLists</c>).</summary>
public interface ICustomerEvent
{
    string CustomerId { get; }
}
