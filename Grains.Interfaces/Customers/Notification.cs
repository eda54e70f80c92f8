namespace Orders.Grains.Customers;

/// <summary>
/// A message in a customer's inbox, one per event that concerns them. Its id is the event's id;
/// <see cref="At"/> is when the event happened and <see cref="ReceivedAt"/> when the inbox got it
/// (the same instant for a notification its order keeps in its state).
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.Notification")]
public sealed record Notification(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string OrderId,
    [property: Id(2)] NotificationKind Kind,
    [property: Id(3)] string Message,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] DateTimeOffset ReceivedAt);
