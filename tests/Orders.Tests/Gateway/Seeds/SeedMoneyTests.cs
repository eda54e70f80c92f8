using Orders.Gateway.Compat;

namespace Orders.Tests.Gateway.Seeds;

/// <summary>The seeds' floating-point amounts, converted to minor units as sent: half a minor unit rounds away from zero.</summary>
public sealed class SeedMoneyTests
{
    [Theory]
    [InlineData(1.005, "EUR", 101)]         // the double nearest 1.005 is 1.00499999999999989…
    [InlineData(2.675, "EUR", 268)]
    [InlineData(12.5, "EUR", 1250)]
    [InlineData(0.0049, "EUR", 0)]
    [InlineData(1234.5, "JPY", 1235)]
    public void An_amount_with_more_decimals_than_its_currency_rounds_half_away_from_zero(double amount, string currency, long minorUnits) =>
        Assert.Equal(minorUnits, SeedMoney.Price(amount, currency, "price").MinorUnits);
}
