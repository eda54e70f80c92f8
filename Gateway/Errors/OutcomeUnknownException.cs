namespace Orders.Gateway.Errors;

/// <summary>
/// An outage met by a change that is not safe to send again blindly (an order placed under an id
/// the gateway made up, a stock's delta): it may have been made all the same (a timeout says
/// nothing of what the silo did). The message tells the client how to find out before sending it again.
/// </summary>
public sealed class OutcomeUnknownException(string id, string whatToDo, Exception outage) : Exception(whatToDo, outage)
{
    /// <summary>The entity the change may have changed: the order the gateway made up an id for, or the stock.</summary>
    public string Id { get; } = id;

    /// <summary>
    /// <paramref name="change"/>'s answer; an outage it meets is this exception, saying what to do
    /// about the entity <paramref name="id"/> names (the words built only then: placements pass here).
    /// </summary>
    public static async Task<T> Around<T>(Func<Task<T>> change, string id, Func<string, string> whatToDo)
    {
        try
        {
            return await change();
        }
        catch (Exception outage) when (Outages.Is(outage))
        {
            throw new OutcomeUnknownException(id, whatToDo(id), outage);
        }
    }
}
