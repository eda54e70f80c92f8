using System.Diagnostics.Metrics;

namespace Orders.Grains.Diagnostics;

/// <summary>
/// The meter the system publishes its own measurements on: where an order's time goes, step by
/// step, beside the runtime's, ASP.NET Core's and Orleans' meters. Read it with
/// <c>dotnet-counters monitor --counters Orders</c> (as <c>bench/run.sh</c> does) or any
/// <see cref="MeterListener"/>. Durations are in seconds, as OpenTelemetry's conventions have
/// them; an instrument nobody listens to costs a check per measurement.
/// </summary>
public static class OrdersMeter
{
    public const string Name = "Orders";

    public static readonly Meter Meter = new(Name);
}
