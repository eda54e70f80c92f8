namespace Orders.Bench.Scenarios;

/// <summary>How a call ended when it did not fail: done, or refused as the scenario expects (a sold-out product).</summary>
public enum Outcome
{
    Ok,
    Refused,
}
