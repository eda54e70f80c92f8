using Orders.Grains.Delivery;
using Orders.Grains.Orders;

namespace Orders.Gateway.Compat;

/// <summary>The seeds' messages made from the system's values.</summary>
public static class SeedMapping
{
    /// <summary>An order has one driver, so its assignment is named after it.</summary>
    public static string AssignmentId(string orderId) => $"assignment_{orderId}";

    public static Orders.Compat.Seed003.Delivery.DeliveryAssignment ToSeed003(this Assignment assignment) => new()
    {
        AssignmentId = AssignmentId(assignment.OrderId),
        OrderId = assignment.OrderId,
        Status = assignment.Status.Word(),
    };

    public static Orders.Compat.Seed004.Order ToSeed004(this OrderSnapshot order) => new()
    {
        ID = order.OrderId,
        CustomerID = order.CustomerId,
        Status = order.Status.Word(),
        Items =
        {
            order.Lines.Select(line => new Orders.Compat.Seed004.Item
            {
                ID = line.ProductId, Name = line.Name, Quantity = line.Quantity, PriceID = line.UnitPrice.ToString(),
            }),
        },
    };
}
