using Domain = Orders.Grains;

namespace Orders.Tests.Gateway;

/// <summary>The gateway maps these enums by number; each domain value must mean the same in the proto.</summary>
public sealed class EnumMappingTests
{
    [Fact]
    public void Order_statuses_match() => AssertSameNames<Domain.Orders.OrderStatus, V1.OrderStatus>();

    [Fact]
    public void Notification_kinds_match() => AssertSameNames<Domain.Customers.NotificationKind, V1.NotificationKind>();

    [Fact]
    public void Delivery_statuses_match() => AssertSameNames<Domain.Delivery.DeliveryStatus, V1.DeliveryStatus>();

    [Fact]
    public void Payment_statuses_match() => AssertSameNames<Domain.Payments.PaymentStatus, V1.PaymentStatus>();

    private static void AssertSameNames<TDomain, TProto>() where TDomain : struct, Enum where TProto : struct, Enum
    {
        var domain = Enum.GetValues<TDomain>().Where(value => Convert.ToInt32(value) != 0).ToList();
        Assert.NotEmpty(domain);
        Assert.All(domain, value => Assert.Equal(value.ToString(), Enum.GetName(typeof(TProto), Convert.ToInt32(value))));
        Assert.Equal(domain.Count + 1, Enum.GetValues<TProto>().Length);      // the proto adds only UNSPECIFIED
    }
}
