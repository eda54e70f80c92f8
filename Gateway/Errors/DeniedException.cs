namespace Orders.Gateway.Errors;

/// <summary>The caller's token does not allow the call: PERMISSION_DENIED, naming whom it would have acted for.</summary>
public sealed class DeniedException(string message) : Exception(message);
