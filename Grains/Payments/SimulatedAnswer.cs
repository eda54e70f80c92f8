namespace Orders.Grains.Payments;

/// <summary>What the simulated books answer a call: its result, or why the provider fails it.</summary>
[GenerateSerializer, Immutable, Alias("orders.SimulatedAnswer")]
public sealed record SimulatedAnswer([property: Id(0)] ChargeResult? Result, [property: Id(1)] string? Failure)
{
    public static SimulatedAnswer Answered(ChargeResult result) => new(result, null);

    public static SimulatedAnswer Failed(string why) => new(null, why);
}
