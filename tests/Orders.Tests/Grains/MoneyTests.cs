namespace Orders.Tests.Grains;

/// <summary>Amounts as customers read them (their notifications): with the currency's own decimals.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData(900, "EUR", "9.00 EUR")]
    [InlineData(5, "USD", "0.05 USD")]
    [InlineData(1000, "JPY", "1000 JPY")]
    [InlineData(1250, "KWD", "1.250 KWD")]
    [InlineData(-1999, "EUR", "-19.99 EUR")]
    public void An_amount_reads_with_its_currencys_decimals(long minorUnits, string currency, string expected) =>
        Assert.Equal(expected, new Money(minorUnits, currency).ToString());
}
