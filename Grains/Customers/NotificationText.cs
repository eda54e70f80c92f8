using System.Globalization;
using Orders.Grains.Events;

namespace Orders.Grains.Customers;

/// <summary>What a customer is told about each event that reaches their inbox.</summary>
internal static class NotificationText
{
    public static Notification? For(DomainEvent domainEvent, DateTimeOffset receivedAt) => domainEvent switch
    {
        OrderPlaced placed => Note(placed, receivedAt, placed.OrderId, NotificationKind.OrderPlaced,
            $"Order {placed.OrderId} is placed: {placed.Lines.Sum(line => line.Quantity)} item(s), {Amount(placed.Total)}."),
        OrderCancelled cancelled => Note(cancelled, receivedAt, cancelled.OrderId, NotificationKind.OrderCancelled,
            $"Order {cancelled.OrderId} is cancelled: {cancelled.Reason}."),
        _ => null,
    };

    private static Notification Note(DomainEvent cause, DateTimeOffset receivedAt, string orderId, NotificationKind kind, string message) =>
        new(cause.Header.EventId, orderId, kind, message, cause.Header.At, receivedAt);

    private static string Amount(Money money) =>
        string.Create(CultureInfo.InvariantCulture, $"{money.MinorUnits / 100m:0.00} {money.Currency}");
}
