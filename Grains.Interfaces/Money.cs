namespace Orders.Grains;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency; never floating point.</summary>
[GenerateSerializer, Immutable, Alias("orders.Money")]
public sealed record Money([property: Id(0)] long MinorUnits, [property: Id(1)] string Currency)
{
    public Money Times(int quantity) => this with { MinorUnits = checked(MinorUnits * quantity) };

    public Money Plus(Money other)
    {
        if (other.Currency != Currency)
            throw new InvalidOperationException($"cannot add {other.Currency} to {Currency}");
        return this with { MinorUnits = checked(MinorUnits + other.MinorUnits) };
    }
}
