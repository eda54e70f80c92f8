using Google.Protobuf.WellKnownTypes;
using Orders.Grains.Customers;

namespace Orders.Gateway.Mapping;

public static class NotificationMapping
{
    public static V1.Notification ToProto(this Notification notification) => new()
    {
        NotificationId = notification.Id.ToString(),
        OrderId = notification.OrderId,
        Kind = notification.Kind switch
        {
            NotificationKind.OrderPlaced => V1.NotificationKind.OrderPlaced,
            NotificationKind.OrderCancelled => V1.NotificationKind.OrderCancelled,
            _ => V1.NotificationKind.Unspecified,
        },
        Message = notification.Message,
        At = Timestamp.FromDateTimeOffset(notification.At),
        ReceivedAt = Timestamp.FromDateTimeOffset(notification.ReceivedAt),
    };
}
