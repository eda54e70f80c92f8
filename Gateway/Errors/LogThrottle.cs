namespace Orders.Gateway.Errors;

/// <summary>
/// Lets one log line of a kind through per <see cref="Interval"/> and counts the ones it holds back:
/// an outage fails every call, thousands a second at the peak, each with the same exception.
/// </summary>
public sealed class LogThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly Dictionary<string, (DateTimeOffset Next, int HeldBack)> kinds = [];

    /// <summary>Whether a line of <paramref name="kind"/> goes out now, and how many of its kind were held back since the last that did.</summary>
    public bool Lets(string kind, out int heldBack)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var (next, held) = kinds.GetValueOrDefault(kind);
            if (now < next)
            {
                kinds[kind] = (next, held + 1);
                heldBack = 0;
                return false;
            }
            kinds[kind] = (now + Interval, 0);
            heldBack = held;
            return true;
        }
    }
}
