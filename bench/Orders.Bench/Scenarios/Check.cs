namespace Orders.Bench.Scenarios;

/// <summary>A correctness check the benchmark ran after the load.</summary>
public sealed record Check(string What, bool Holds, string Detail);
