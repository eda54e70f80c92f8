namespace Orders.Grains.Orders;

/// <summary>Where an order is in its lifecycle (README has the diagram).</summary>
public enum OrderStatus
{
    /// <summary>Accepted for placement; stock is being reserved.</summary>
    Pending = 1,
    /// <summary>Every line is reserved; payment is under way.</summary>
    Placed = 2,
    /// <summary>Some line was short; nothing is held. Kept so a retry gets the same answer.</summary>
    Rejected = 3,
    /// <summary>Ended before delivery: by the customer, the restaurant or a timeout; stock released and payment refunded as needed.</summary>
    Cancelled = 4,
    /// <summary>Paid; waiting for the restaurant to accept or reject.</summary>
    Paid = 5,
    /// <summary>The payment was declined; stock released.</summary>
    PaymentFailed = 6,
    /// <summary>The restaurant accepted: stock is sold, the kitchen has it, a driver is being found.</summary>
    Accepted = 7,
    /// <summary>The kitchen is done; waiting for the driver.</summary>
    Ready = 8,
    PickedUp = 9,
    OutForDelivery = 10,
    Delivered = 11,
}
