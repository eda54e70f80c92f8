using System.Globalization;

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

    /// <summary>The amount as people read it, with its currency's decimals: <c>9.00 EUR</c>, <c>1000 JPY</c>, <c>1.250 KWD</c>.</summary>
    public override string ToString()
    {
        var decimals = CurrencyDecimals.Of(Currency);
        var amount = MinorUnits / (decimal)Math.Pow(10, decimals);
        return $"{amount.ToString($"F{decimals}", CultureInfo.InvariantCulture)} {Currency}";
    }
}
