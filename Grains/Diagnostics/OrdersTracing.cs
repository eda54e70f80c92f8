using System.Diagnostics;

namespace Orders.Grains.Diagnostics;

/// <summary>
/// The system's own spans, beside Orleans' grain calls and Npgsql's statements: an event's handling,
/// joined to the trace of the call that raised it across the queue in between
/// (<see cref="Events.EventSubscriptions"/>). A source nobody listens to starts nothing.
/// </summary>
public static class OrdersTracing
{
    public const string Name = "Orders";

    public static readonly ActivitySource Source = new(Name);
}
