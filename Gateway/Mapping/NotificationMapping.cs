using Google.Protobuf.WellKnownTypes;
using Orders.Grains.Customers;

namespace Orders.Gateway.Mapping;

public static class NotificationMapping
{
    public static V1.Notification ToProto(this Notification notification) => new()
    {
        NotificationId = notification.Id.ToString(),
        OrderId = notification.OrderId,
        // Numbered alike in the proto and the domain (a test holds them together).
        Kind = (V1.NotificationKind)notification.Kind,
        Message = notification.Message,
        At = Timestamp.FromDateTimeOffset(notification.At),
        ReceivedAt = Timestamp.FromDateTimeOffset(notification.ReceivedAt),
    };
}
