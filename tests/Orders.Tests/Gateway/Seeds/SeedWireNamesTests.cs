using Google.Protobuf.Reflection;

namespace Orders.Tests.Gateway.Seeds;

/// <summary>
/// The seed contracts as DESIGN.md spells them: services and methods by full name, fields by
/// number, name and type. The tests' clients compile from the same files as the gateway, so a
/// slip in a .proto would pass every call; these literal names would not.
/// </summary>
public sealed class SeedWireNamesTests
{
    public static TheoryData<string, string> Methods() => new()
    {
        { "order.orderService", "CreateOrder(order.CreateOrderRequest) -> order.CreateOrderResponse" },
        { "inventory.InventoryService", "UpdateInventory(inventory.UpdateInventoryRequest) -> inventory.UpdateInventoryResponse" },
        {
            "order_service.OrderService",
            "PlaceOrder(order_service.PlaceOrderRequest) -> order_service.PlaceOrderResponse; "
            + "GetOrderStatus(order_service.GetOrderStatusRequest) -> order_service.GetOrderStatusResponse; "
            + "CancelOrder(order_service.CancelOrderRequest) -> order_service.CancelOrderResponse"
        },
        {
            "restaurant_service.RestaurantService",
            "UpdateMenu(restaurant_service.UpdateMenuRequest) -> restaurant_service.UpdateMenuResponse; "
            + "AcceptOrder(restaurant_service.OrderDecisionRequest) -> restaurant_service.OrderDecisionResponse; "
            + "RejectOrder(restaurant_service.OrderDecisionRequest) -> restaurant_service.OrderDecisionResponse"
        },
        {
            "delivery_service.DeliveryService",
            "AssignDriver(delivery_service.AssignDriverRequest) -> delivery_service.AssignDriverResponse; "
            + "UpdateDeliveryStatus(delivery_service.UpdateDeliveryStatusRequest) -> delivery_service.UpdateDeliveryStatusResponse; "
            + "GetDriverAssignments(delivery_service.GetDriverAssignmentsRequest) -> delivery_service.GetDriverAssignmentsResponse"
        },
        { "api.OrderService", "CreateOrder(api.CreateOrderRequest) -> api.Order; GetOrder(api.GetOrderRequest) -> api.Order" },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Each_service_has_the_seed_s_full_name_and_methods(string service, string methods) =>
        Assert.Equal(methods, string.Join("; ", Service(service).Methods.Select(method =>
            $"{method.Name}({method.InputType.FullName}) -> {method.OutputType.FullName}")));

    public static TheoryData<string, string> Messages() => new()
    {
        { "order.CreateOrderRequest", "1 string product_id, 2 int32 quantity" },
        { "order.CreateOrderResponse", "1 string order_id, 2 string message" },
        { "inventory.UpdateInventoryRequest", "1 string product_id, 2 int32 quantity" },
        { "inventory.UpdateInventoryResponse", "1 string message" },
        { "order_service.PlaceOrderRequest", "1 string customer_id, 2 repeated string items, 3 double total_price" },
        { "order_service.PlaceOrderResponse", "1 string order_id, 2 string status" },
        { "order_service.GetOrderStatusRequest", "1 string order_id" },
        { "order_service.GetOrderStatusResponse", "1 string order_id, 2 string status, 3 repeated string items, 4 double total_price" },
        { "order_service.CancelOrderRequest", "1 string order_id" },
        { "order_service.CancelOrderResponse", "1 string order_id, 2 string status" },
        { "restaurant_service.UpdateMenuRequest", "1 string restaurant_id, 2 repeated restaurant_service.MenuItem items" },
        { "restaurant_service.MenuItem", "1 string item_id, 2 string name, 3 double price, 4 string description" },
        { "restaurant_service.UpdateMenuResponse", "1 string status" },
        { "restaurant_service.OrderDecisionRequest", "1 string restaurant_id, 2 string order_id" },
        { "restaurant_service.OrderDecisionResponse", "1 string order_id, 2 string status" },
        { "delivery_service.AssignDriverRequest", "1 string order_id, 2 string driver_id" },
        { "delivery_service.AssignDriverResponse", "1 string assignment_id, 2 string status" },
        { "delivery_service.UpdateDeliveryStatusRequest", "1 string order_id, 2 string status" },
        { "delivery_service.UpdateDeliveryStatusResponse", "1 string order_id, 2 string status" },
        { "delivery_service.GetDriverAssignmentsRequest", "1 string driver_id" },
        { "delivery_service.GetDriverAssignmentsResponse", "1 repeated delivery_service.DeliveryAssignment assignments" },
        { "delivery_service.DeliveryAssignment", "1 string assignment_id, 2 string order_id, 3 string status" },
        { "api.CreateOrderRequest", "1 string CustomerID, 2 repeated api.ItemsWithQuantity Items" },
        { "api.ItemsWithQuantity", "1 string ID, 2 int32 Quantity" },
        { "api.GetOrderRequest", "1 string OrderID, 2 string CustomerID" },
        { "api.Order", "1 string ID, 2 string CustomerID, 3 string Status, 4 repeated api.Item Items" },
        { "api.Item", "1 string ID, 2 string Name, 3 int32 Quantity, 4 string PriceID" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_message_has_the_seed_s_fields(string message, string fields) =>
        Assert.Equal(fields, string.Join(", ", Message(message).Fields.InFieldNumberOrder().Select(field =>
            $"{field.FieldNumber} {(field.IsRepeated ? "repeated " : "")}{TypeOf(field)} {field.Name}")));

    private static readonly FileDescriptor[] Files =
    [
        Orders.Compat.Seed000.Ordering.OrderReflection.Descriptor,
        Orders.Compat.Seed000.Stock.InventoryReflection.Descriptor,
        Orders.Compat.Seed003.Ordering.OrderServiceReflection.Descriptor,
        Orders.Compat.Seed003.Restaurants.RestaurantServiceReflection.Descriptor,
        Orders.Compat.Seed003.Delivery.DeliveryServiceReflection.Descriptor,
        Orders.Compat.Seed004.ApiReflection.Descriptor,
    ];

    private static string TypeOf(FieldDescriptor field) =>
        field.FieldType == FieldType.Message ? field.MessageType.FullName : field.FieldType.ToString().ToLowerInvariant();

    private static ServiceDescriptor Service(string fullName) =>
        Files.SelectMany(file => file.Services).Single(service => service.FullName == fullName);

    private static MessageDescriptor Message(string fullName) =>
        Files.SelectMany(file => file.MessageTypes).Single(message => message.FullName == fullName);
}
