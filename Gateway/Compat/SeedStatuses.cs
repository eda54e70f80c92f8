using Orders.Grains.Delivery;
using Orders.Grains.Orders;

namespace Orders.Gateway.Compat;

/// <summary>
/// Statuses as the seed systems' clients spell them: one word in capitals, "CANCELED" with one L,
/// and an order that is placed but not yet answered by its restaurant simply "PLACED" (the seeds
/// know no payment step).
/// </summary>
public static class SeedStatuses
{
    public const string Placed = "PLACED";
    public const string Canceled = "CANCELED";
    public const string CouldNotCancel = "COULD_NOT_CANCEL";
    public const string Accepted = "ACCEPTED";
    public const string Rejected = "REJECTED";
    public const string Assigned = "ASSIGNED";
    public const string PickedUp = "PICKED_UP";
    public const string OutForDelivery = "OUT_FOR_DELIVERY";
    public const string Delivered = "DELIVERED";
    public const string Success = "SUCCESS";

    public static string Word(this OrderStatus status) => status switch
    {
        OrderStatus.Pending or OrderStatus.Placed or OrderStatus.Paid => Placed,
        OrderStatus.Rejected => Rejected,
        OrderStatus.Cancelled => Canceled,
        OrderStatus.PaymentFailed => "PAYMENT_FAILED",
        OrderStatus.Accepted => Accepted,
        OrderStatus.Ready => "READY",
        OrderStatus.PickedUp => PickedUp,
        OrderStatus.OutForDelivery => OutForDelivery,
        OrderStatus.Delivered => Delivered,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no seed word for this status"),
    };

    public static string Word(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Assigned => Assigned,
        DeliveryStatus.PickedUp => PickedUp,
        DeliveryStatus.OutForDelivery => OutForDelivery,
        DeliveryStatus.Delivered => Delivered,
        DeliveryStatus.Cancelled => Canceled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no seed word for this status"),
    };

    /// <summary>What a driver may report, in the seed's words; case is not held against a client.</summary>
    public static DeliveryStatus DriverReport(string word, string field) => word.ToUpperInvariant() switch
    {
        PickedUp => DeliveryStatus.PickedUp,
        OutForDelivery => DeliveryStatus.OutForDelivery,
        Delivered => DeliveryStatus.Delivered,
        _ => throw new InvalidFieldException(field, $"must be {PickedUp}, {OutForDelivery} or {Delivered}"),
    };
}
