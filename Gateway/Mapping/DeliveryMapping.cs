using Google.Protobuf.WellKnownTypes;
using Orders.Grains.Delivery;

namespace Orders.Gateway.Mapping;

public static class DeliveryMapping
{
    public static DeliveryStatus ToDriverReport(this V1.DeliveryStatus status, string field) => status switch
    {
        V1.DeliveryStatus.PickedUp => DeliveryStatus.PickedUp,
        V1.DeliveryStatus.OutForDelivery => DeliveryStatus.OutForDelivery,
        V1.DeliveryStatus.Delivered => DeliveryStatus.Delivered,
        _ => throw new InvalidFieldException(field, "must be PICKED_UP, OUT_FOR_DELIVERY or DELIVERED"),
    };

    public static V1.Driver ToProto(this DriverDetails driver) => new()
    {
        DriverId = driver.DriverId,
        Name = driver.Name,
        Zone = driver.Zone,
        OnDuty = driver.OnDuty,
    };

    public static V1.DeliveryAssignment ToProto(this Assignment assignment) => new()
    {
        OrderId = assignment.OrderId,
        Status = (V1.DeliveryStatus)assignment.Status,   // numbered alike (a test holds them together)
        AssignedAt = Timestamp.FromDateTimeOffset(assignment.AssignedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(assignment.UpdatedAt),
    };
}
