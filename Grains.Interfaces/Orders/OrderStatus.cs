namespace Orders.Grains.Orders;

public enum OrderStatus
{
    /// <summary>Accepted for placement; stock is being reserved.</summary>
    Pending = 1,
    Placed = 2,
    /// <summary>Some line was short; nothing is held. Kept so a retry gets the same answer.</summary>
    Rejected = 3,
    Cancelled = 4,
}
