namespace Orders.Gateway.Errors;

/// <summary>
/// An outage met while placing an order under an id the gateway made up: the order may have been
/// placed all the same (a timeout says nothing of what the silo did), and its id is the client's
/// only way to find out before placing it again.
/// </summary>
public sealed class UnsettledPlacementException(string orderId, Exception outage)
    : Exception($"placing order '{orderId}' met an outage", outage)
{
    public string OrderId { get; } = orderId;
}
