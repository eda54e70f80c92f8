namespace Orders.Gateway.Errors;

/// <summary>A request field failed validation at the edge; becomes INVALID_ARGUMENT naming the field.</summary>
public sealed class InvalidFieldException(string field, string problem) : Exception($"{field} {problem}");
