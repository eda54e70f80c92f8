namespace Orders.Grains;

/// <summary>A domain "no": the caller asked for something the current state does not allow.</summary>
[GenerateSerializer, Immutable, Alias("orders.Refusal")]
public sealed record Refusal([property: Id(0)] RefusalKind Kind, [property: Id(1)] string Message)
{
    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, message);

    public static Refusal FailedPrecondition(string message) => new(RefusalKind.FailedPrecondition, message);

    public static Refusal AlreadyExists(string message) => new(RefusalKind.AlreadyExists, message);
}
