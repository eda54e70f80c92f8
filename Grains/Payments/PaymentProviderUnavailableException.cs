namespace Orders.Grains.Payments;

/// <summary>The processor could not answer now (a transient failure); the same call may succeed later.</summary>
public sealed class PaymentProviderUnavailableException(string message, Exception? cause = null) : Exception(message, cause);
