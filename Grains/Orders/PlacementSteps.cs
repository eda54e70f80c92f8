using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orders.Grains.Diagnostics;

namespace Orders.Grains.Orders;

/// <summary>
/// How long each step of a placement takes inside its order (<see cref="OrdersMeter"/>): pricing,
/// the stock's holds, the charge, the order's one write, and the placement whole. Beside the
/// gateway's request time it says where CreateOrder's time goes, hops and queues included. A
/// refused placement records the steps it took (a sold-out product's quick refusals show in the
/// price step and the whole); a charge not answered within
/// <see cref="LifecycleOptions.ChargeWait"/> records that wait.
/// </summary>
internal static class PlacementSteps
{
    public const string Price = "price";
    public const string Reserve = "reserve";
    public const string Charge = "charge";
    public const string Store = "store";
    public const string Whole = "placement";

    private static readonly Histogram<double> Duration = OrdersMeter.Duration(
        "orders.placement.step.duration", "How long a step of an order's placement took, by step");

    /// <summary>Records <paramref name="step"/> as begun at <paramref name="startedAt"/> (<see cref="Stopwatch.GetTimestamp"/>) and done now.</summary>
    public static void Took(string step, long startedAt) =>
        Duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("step", step));
}
