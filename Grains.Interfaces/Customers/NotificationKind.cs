namespace Orders.Grains.Customers;

public enum NotificationKind
{
    OrderPlaced = 1,
    OrderCancelled = 2,
}
