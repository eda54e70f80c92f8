namespace Orders.Grains;

/// <summary>A domain "no": the caller asked for something the current state does not allow.</summary>
[GenerateSerializer, Immutable, Alias("orders.Refusal")]
public sealed record Refusal([property: Id(0)] RefusalKind Kind, [property: Id(1)] string Message)
{
    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, message);

    public static Refusal FailedPrecondition(string message) => new(RefusalKind.FailedPrecondition, message);

    public static Refusal AlreadyExists(string message) => new(RefusalKind.AlreadyExists, message);

    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, message);

    /// <summary>How many ids a message names before it only counts the rest.</summary>
    private const int NamedAtMost = 5;

    /// <summary>
    /// The first few of <paramref name="names"/> for a message, and how many more there are. A
    /// refusal's message travels in the call's trailers, which clients cap (gRPC's C core at 8 KB;
    /// a character outside ASCII takes up to 9 bytes there): naming every id of a long request
    /// turned the refusal into UNAVAILABLE, which tells the client to send it again.
    /// </summary>
    public static string Names(IEnumerable<string> names, string separator = ", ")
    {
        var all = names.ToList();
        var named = string.Join(separator, all.Take(NamedAtMost));
        return all.Count > NamedAtMost ? $"{named} and {all.Count - NamedAtMost} more" : named;
    }
}
