namespace Orders.Bench.Load;

/// <summary>One second of the measured run.</summary>
public sealed record TimelinePoint(double Second, long Calls, double P50Ms, double P99Ms, double MaxMs);
