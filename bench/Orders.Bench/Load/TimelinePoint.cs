namespace Orders.Bench.Load;

/// <summary>One second of the measured run: its calls, those that succeeded, and their latencies.</summary>
public sealed record TimelinePoint(double Second, long Calls, long Ok, double P50Ms, double P99Ms, double MaxMs);
