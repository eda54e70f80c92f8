namespace Orders.Grains.Events;

/// <summary>An event its customer hears of: it may add a notification to their inbox (<c>CustomerLists</c>).</summary>
public interface ICustomerEvent
{
    string CustomerId { get; }
}
