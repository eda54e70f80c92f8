namespace Orders.Gateway.Errors;

/// <summary>
/// An outage met by a change that is not safe to send again blindly (an order placed under an id
/// the gateway made up, a stock's delta): it may have been made all the same (a timeout says
/// nothing of what the silo did). The message tells the client how to find out before sending it again.
/// </summary>
public sealed class OutcomeUnknownException(string whatToDo, Exception outage) : Exception(whatToDo, outage);
