namespace Orders.Gateway.Compat;

/// <summary>
/// The seeds send and read amounts as floating-point numbers of the currency's major unit
/// (12.5 for 12.50 EUR); the system keeps integer minor units, so each amount is converted once at
/// the edge, rounded to the currency's minor unit.
/// </summary>
public static class SeedMoney
{
    public static Money Price(double amount, string currency, string field)
    {
        var scale = Math.Pow(10, CurrencyDecimals.Of(currency));
        var highest = Require.MaxPriceMinorUnits / scale;
        if (!double.IsFinite(amount) || amount < 0 || amount > highest)
            throw new InvalidFieldException(field, $"must be an amount between 0 and {highest}");
        // Rounded in decimal: the double nearest 1.005 lies below it, so 1.005 EUR would round to 1.00.
        // The conversion keeps the 15 digits a double holds for certain, which give back the amount as sent.
        return new Money((long)Math.Round((decimal)amount * (decimal)scale, MidpointRounding.AwayFromZero), currency);
    }

    public static double MajorUnits(this Money money) => money.MinorUnits / Math.Pow(10, CurrencyDecimals.Of(money.Currency));
}
