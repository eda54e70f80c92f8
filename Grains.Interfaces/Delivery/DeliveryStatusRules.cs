using Orders.Grains.Orders;

namespace Orders.Grains.Delivery;

public static class DeliveryStatusRules
{
    /// <summary>Whether an order in <paramref name="order"/> has already seen this delivery step (a repeated report).</summary>
    public static bool Reached(this DeliveryStatus delivery, OrderStatus order) => delivery switch
    {
        DeliveryStatus.PickedUp => order is OrderStatus.PickedUp or OrderStatus.OutForDelivery or OrderStatus.Delivered,
        DeliveryStatus.OutForDelivery => order is OrderStatus.OutForDelivery or OrderStatus.Delivered,
        DeliveryStatus.Delivered => order is OrderStatus.Delivered,
        _ => false,
    };
}
