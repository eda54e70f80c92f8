namespace Orders.Gateway.Mapping;

public static class MoneyMapping
{
    public static V1.Money ToProto(this Money money) => new() { MinorUnits = money.MinorUnits, Currency = money.Currency };
}
