using Grpc.Core;
using Orders.Compat.Seed003.Delivery;
using Orders.Compat.Seed003.Ordering;
using Orders.Compat.Seed003.Restaurants;
using Orders.Grains.Restaurants;
using V1 = Orders.V1;

namespace Orders.Tests.Gateway.Seeds;

/// <summary>Seed 003's clients over a real socket: a menu, orders placed, cancelled, accepted, rejected and delivered.</summary>
[Collection(GatewayCollection.Name)]
public sealed class Seed003Tests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);
    private readonly SeedClients seeds = new(fixture.Channel);

    [Fact]
    public async Task A_menu_creates_its_restaurant_and_products_and_a_later_one_updates_them_in_place()
    {
        var restaurantId = Unique.Id("restaurant");
        var (pizza, soda, water) = (Unique.Id("pizza"), Unique.Id("soda"), Unique.Id("water"));

        var first = await UpdateMenu(restaurantId, Item(pizza, "Pizza", 12.5, "tomato"), Item(soda, "Soda", 2.25));
        var second = await UpdateMenu(restaurantId, Item(pizza, "Pizza", 13), Item(water, "Water", 1));
        var again = await UpdateMenu(restaurantId, Item(pizza, "Pizza", 13), Item(water, "Water", 1));

        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], new[] { first.Status, second.Status, again.Status });
        var restaurant = await api.Restaurants.GetRestaurantAsync(new V1.GetRestaurantRequest { RestaurantId = restaurantId });
        Assert.Equal(restaurantId, restaurant.Name);
        Assert.Equal([pizza, water], restaurant.MenuProductIds);
        var pizzaNow = await Product(pizza);
        Assert.Equal((restaurantId, "Pizza", "", 1300L, "EUR", 2L), (pizzaNow.RestaurantId, pizzaNow.Name, pizzaNow.Description, pizzaNow.Price.MinorUnits, pizzaNow.Price.Currency, pizzaNow.Version));
        // The product hears it left the menu from the restaurant's event, a moment later.
        var sodaNow = await Eventually.Until(() => Product(soda), product => !product.OnMenu);
        Assert.Equal(225L, sodaNow.Price.MinorUnits);
    }

    [Fact]
    public async Task A_menu_naming_another_restaurant_s_product_is_refused_and_changes_nothing()
    {
        var (_, taken) = await api.SeedProduct(stock: 0);
        var restaurantId = Unique.Id("restaurant");
        var fresh = Unique.Id("fresh");

        var refused = await Assert.ThrowsAsync<RpcException>(() => UpdateMenu(restaurantId, Item(fresh, "Fresh", 1), Item(taken, "Mine", 1)));

        Assert.Equal((StatusCode.FailedPrecondition, $"item '{taken}' is a product of another restaurant"), (refused.StatusCode, refused.Status.Detail));
        await NotFound(() => api.Restaurants.GetRestaurantAsync(new V1.GetRestaurantRequest { RestaurantId = restaurantId }).ResponseAsync);
        await NotFound(() => api.Catalog.GetProductAsync(new V1.GetProductRequest { ProductId = fresh }).ResponseAsync);
    }

    [Fact]
    public async Task A_menu_that_would_take_the_restaurant_past_its_products_is_refused_and_changes_nothing()
    {
        var restaurantId = Unique.Id("restaurant");
        var first = Enumerable.Range(0, RestaurantDetails.MaxMenuSize - 2).Select(index => Item($"{restaurantId}-{index}", "Dish", 1)).ToArray();
        await UpdateMenu(restaurantId, first);
        var fresh = Enumerable.Range(0, 3).Select(_ => Item(Unique.Id("fresh"), "New dish", 1)).ToArray();

        var refused = await Assert.ThrowsAsync<RpcException>(() => UpdateMenu(restaurantId, [Item(first[0].ItemId, "Dish", 2), .. fresh]));

        Assert.Equal(
            (StatusCode.FailedPrecondition, $"restaurant '{restaurantId}' would have {RestaurantDetails.MaxMenuSize + 1} products; it can have {RestaurantDetails.MaxMenuSize}"),
            (refused.StatusCode, refused.Status.Detail));
        Assert.Equal(100L, (await Product(first[0].ItemId)).Price.MinorUnits);
        var restaurant = await api.Restaurants.GetRestaurantAsync(new V1.GetRestaurantRequest { RestaurantId = restaurantId });
        Assert.Equal(first.Select(item => item.ItemId), restaurant.MenuProductIds);
        foreach (var item in fresh)
            await NotFound(() => api.Catalog.GetProductAsync(new V1.GetProductRequest { ProductId = item.ItemId }).ResponseAsync);
    }

    [Theory]
    [InlineData("", "Pizza", 1.0, "items[1].item_id is required")]
    [InlineData("pizza", " ", 1.0, "items[1].name is required")]
    [InlineData("pizza", "Pizza", -0.5, "items[1].price must be an amount between 0 and 100000000")]
    [InlineData("pizza", "Pizza", double.NaN, "items[1].price must be an amount between 0 and 100000000")]
    [InlineData("pizza", "Pizza", 1e9, "items[1].price must be an amount between 0 and 100000000")]
    [InlineData("twice", "Pizza", 1.0, "items must name each item once ('twice' is named more than once)")]
    public async Task A_bad_menu_is_invalid_argument_naming_the_field_and_changes_nothing(string itemId, string name, double price, string detail)
    {
        var restaurantId = Unique.Id("restaurant");
        var (twice, valid) = (Unique.Id("twice"), Unique.Id("valid"));
        MenuItem[] items = itemId == "twice"
            ? [Item(valid, "Soda", 1), Item(twice, "Pizza", 1), Item(twice, "Soda", 1)]
            : [Item(valid, "Soda", 1), Item(itemId, name, price)];

        var refused = await Assert.ThrowsAsync<RpcException>(() => UpdateMenu(restaurantId, items));

        Assert.Equal((StatusCode.InvalidArgument, detail.Replace("'twice'", $"'{twice}'", StringComparison.Ordinal)), (refused.StatusCode, refused.Status.Detail));
        await NotFound(() => api.Restaurants.GetRestaurantAsync(new V1.GetRestaurantRequest { RestaurantId = restaurantId }).ResponseAsync);
        await NotFound(() => api.Catalog.GetProductAsync(new V1.GetProductRequest { ProductId = valid }).ResponseAsync);
    }

    [Fact]
    public async Task An_order_goes_from_placement_to_delivery_through_the_seed_s_calls_alone()
    {
        // A restaurant as seed 003 makes it: the default zone and kitchen (ten minutes an order).
        var restaurantId = Unique.Id("restaurant");
        var (pizza, soda) = (Unique.Id("pizza"), Unique.Id("soda"));
        await UpdateMenu(restaurantId, Item(pizza, "Pizza", 12.5), Item(soda, "Soda", 2.25));
        await seeds.Stock(pizza, 10);
        await seeds.Stock(soda, 10);
        var driverId = Unique.Id("driver");

        var placed = await seeds.Seed003Orders.PlaceOrderAsync(new PlaceOrderRequest { CustomerId = Unique.Id("customer"), Items = { pizza, soda, pizza }, TotalPrice = 27.25 });
        var status = await seeds.Seed003Orders.GetOrderStatusAsync(new GetOrderStatusRequest { OrderId = placed.OrderId });
        var accepted = await seeds.Seed003Restaurants.AcceptOrderAsync(new OrderDecisionRequest { RestaurantId = restaurantId, OrderId = placed.OrderId });
        // Straight after accepting, as the seed's clients do: dispatch may not have heard of the order yet.
        var assigned = await seeds.Seed003Delivery.AssignDriverAsync(new AssignDriverRequest { OrderId = placed.OrderId, DriverId = driverId });
        var assignedAgain = await seeds.Seed003Delivery.AssignDriverAsync(new AssignDriverRequest { OrderId = placed.OrderId, DriverId = driverId });
        // The kitchen's ten minutes are not up: the driver taking the order out takes it as ready.
        var outForDelivery = await Report(placed.OrderId, "OUT_FOR_DELIVERY");
        var delivered = await Report(placed.OrderId, "delivered");
        // The driver's list follows the delivery's events, a moment after the report.
        var assignments = await Eventually.Until(
            async () => await seeds.Seed003Delivery.GetDriverAssignmentsAsync(new GetDriverAssignmentsRequest { DriverId = driverId }),
            listed => listed.Assignments.Any(assignment => assignment.Status == "DELIVERED"));

        Assert.Contains("order_", placed.OrderId, StringComparison.Ordinal);
        Assert.Equal("PLACED", placed.Status);
        Assert.Equal((placed.OrderId, "PLACED", 27.25), (status.OrderId, status.Status, status.TotalPrice));
        Assert.Equal(new[] { pizza, pizza, soda }.Order(), status.Items.Order());
        Assert.Equal((placed.OrderId, "ACCEPTED"), (accepted.OrderId, accepted.Status));
        Assert.Equal(($"assignment_{placed.OrderId}", "ASSIGNED"), (assigned.AssignmentId, assigned.Status));
        Assert.Equal(assigned, assignedAgain);
        Assert.Equal(("OUT_FOR_DELIVERY", "DELIVERED"), (outForDelivery.Status, delivered.Status));
        var assignment = Assert.Single(assignments.Assignments);
        Assert.Equal((assigned.AssignmentId, placed.OrderId, "DELIVERED"), (assignment.AssignmentId, assignment.OrderId, assignment.Status));
        var order = await api.Orders.GetOrderAsync(new V1.GetOrderRequest { OrderId = placed.OrderId });
        Assert.Equal(driverId, order.DriverId);
        Assert.Equal(
            [V1.OrderStatus.Accepted, V1.OrderStatus.Ready, V1.OrderStatus.OutForDelivery, V1.OrderStatus.Delivered],
            order.History.Select(change => change.Status).SkipWhile(step => step != V1.OrderStatus.Accepted));
        Assert.Equal(2, (await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = pizza })).Sold);
    }

    [Fact]
    public async Task Each_order_goes_to_the_driver_the_seed_names_whatever_order_they_were_accepted_in()
    {
        var (restaurantId, pizza, _, zone) = await Restaurant();
        var (first, second) = (await Place(pizza), await Place(pizza));
        await Accept(restaurantId, first);
        await Accept(restaurantId, second);
        var (dana, eve) = (Unique.Id("dana"), Unique.Id("eve"));

        var eveTakesTheSecond = await Assign(second, eve);
        var busy = await Assert.ThrowsAsync<RpcException>(() => Assign(first, eve));
        var danaTakesTheFirst = await Assign(first, dana);

        Assert.Equal(("ASSIGNED", "ASSIGNED"), (eveTakesTheSecond.Status, danaTakesTheFirst.Status));
        Assert.Equal((StatusCode.FailedPrecondition, $"driver '{eve}' is delivering order '{second}'"), (busy.StatusCode, busy.Status.Detail));
        Assert.Equal((dana, eve), ((await OrderOf(first)).DriverId, (await OrderOf(second)).DriverId));
        // Named by a seed, a driver is registered in the order's zone and off duty: dispatch gives them nothing unasked.
        var driver = await api.Delivery.GetDriverAsync(new V1.GetDriverRequest { DriverId = dana });
        Assert.Equal((zone, false), (driver.Zone, driver.OnDuty));
    }

    [Fact]
    public async Task A_driver_named_for_an_order_its_restaurant_has_not_accepted_is_refused_and_not_registered()
    {
        var (_, pizza, _, _) = await Restaurant();
        var orderId = await Place(pizza);
        var driverId = Unique.Id("driver");

        var refused = await Assert.ThrowsAsync<RpcException>(() => Assign(orderId, driverId));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        await NotFound(() => api.Delivery.GetDriverAsync(new V1.GetDriverRequest { DriverId = driverId }).ResponseAsync);
    }

    [Fact]
    public async Task A_report_that_skips_a_step_is_refused_and_leaves_the_kitchen_alone()
    {
        var (restaurantId, pizza, _, _) = await Restaurant();
        var orderId = await Place(pizza);
        await Accept(restaurantId, orderId);
        await Assign(orderId, Unique.Id("driver"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => Report(orderId, "DELIVERED"));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(V1.OrderStatus.Accepted, (await OrderOf(orderId)).Status);
    }

    [Fact]
    public async Task A_driver_assigned_before_dispatch_has_heard_of_the_accepted_order_is_confirmed_once_it_has()
    {
        var (restaurantId, pizza, _, zone) = await Restaurant();
        var driverId = Unique.Id("driver");
        var orderId = await Place(pizza);
        await api.Until(orderId, V1.OrderStatus.Paid);
        // Dispatch's first delivery of the acceptance fails: the order reaches its board only with
        // the stream's retry, half a second on in the test cluster.
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, zone);

        await seeds.Seed003Restaurants.AcceptOrderAsync(new OrderDecisionRequest { RestaurantId = restaurantId, OrderId = orderId });
        await Eventually.Until(() => Task.FromResult(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, zone)), pending => !pending);
        var assigned = await seeds.Seed003Delivery.AssignDriverAsync(new AssignDriverRequest { OrderId = orderId, DriverId = driverId });

        Assert.Equal(($"assignment_{orderId}", "ASSIGNED"), (assigned.AssignmentId, assigned.Status));
        Assert.Equal(driverId, (await api.Orders.GetOrderAsync(new V1.GetOrderRequest { OrderId = orderId })).DriverId);
    }

    [Fact]
    public async Task A_driver_named_for_an_order_whose_restaurant_moved_zone_since_works_in_the_order_s_zone()
    {
        var (restaurantId, pizza, _, zone) = await Restaurant();
        var orderId = await Place(pizza);
        await api.Until(orderId, V1.OrderStatus.Paid);
        await Accept(restaurantId, orderId);
        await api.Configure(restaurantId, autoAccept: false, prepTime: TimeSpan.FromHours(1), Unique.Id("zone"));
        var driverId = Unique.Id("driver");

        var assigned = await Assign(orderId, driverId);

        Assert.Equal("ASSIGNED", assigned.Status);
        Assert.Equal(zone, (await api.Delivery.GetDriverAsync(new V1.GetDriverRequest { DriverId = driverId })).Zone);
        Assert.Equal(driverId, (await OrderOf(orderId)).DriverId);
    }

    [Fact]
    public async Task A_cancel_answers_canceled_and_one_the_order_refuses_answers_could_not_cancel()
    {
        var (restaurantId, pizza, _, _) = await Restaurant();
        var cancelled = await Place(pizza);
        var accepted = await Place(pizza);
        await api.Until(accepted, V1.OrderStatus.Paid);
        await seeds.Seed003Restaurants.AcceptOrderAsync(new OrderDecisionRequest { RestaurantId = restaurantId, OrderId = accepted });

        var first = await Cancel(cancelled);
        var repeated = await Cancel(cancelled);
        var refused = await Cancel(accepted);

        Assert.Equal([(cancelled, "CANCELED"), (cancelled, "CANCELED"), (accepted, "COULD_NOT_CANCEL")],
            new[] { first, repeated, refused }.Select(answer => (answer.OrderId, answer.Status)));
        Assert.Equal("CANCELED", (await Status(cancelled)).Status);
        Assert.Equal("ACCEPTED", (await Status(accepted)).Status);
        Assert.Equal(9, (await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = pizza })).Available);
    }

    [Fact]
    public async Task A_rejected_order_answers_rejected_and_gives_its_stock_back()
    {
        var (restaurantId, pizza, _, _) = await Restaurant();
        var orderId = await Place(pizza);
        await api.Until(orderId, V1.OrderStatus.Paid);

        var rejected = await seeds.Seed003Restaurants.RejectOrderAsync(new OrderDecisionRequest { RestaurantId = restaurantId, OrderId = orderId });

        Assert.Equal((orderId, "REJECTED"), (rejected.OrderId, rejected.Status));
        Assert.Equal("CANCELED", (await Status(orderId)).Status);
        Assert.Equal(10, (await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = pizza })).Available);
    }

    [Fact]
    public async Task An_order_rejected_as_soon_as_it_is_placed_is_rejected_once_its_slow_charge_is_paid()
    {
        var (restaurantId, pizza, _, _) = await Restaurant();
        // Seed 003 answers PLACED while the charge is still on its way: its client cannot wait for it.
        var orderId = await Place(pizza, Unique.Id("slow-customer"));

        var rejected = await seeds.Seed003Restaurants.RejectOrderAsync(new OrderDecisionRequest { RestaurantId = restaurantId, OrderId = orderId });

        Assert.Equal((orderId, "REJECTED"), (rejected.OrderId, rejected.Status));
        Assert.Equal("CANCELED", (await Status(orderId)).Status);
    }

    [Fact]
    public async Task Another_restaurants_decision_on_an_order_whose_charge_is_on_its_way_is_refused_without_waiting_for_it()
    {
        var (_, pizza, _, _) = await Restaurant();
        var (otherRestaurant, _, _, _) = await Restaurant();
        var orderId = await Place(pizza, Unique.Id("slow-customer"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => seeds.Seed003Restaurants.AcceptOrderAsync(new OrderDecisionRequest { RestaurantId = otherRestaurant, OrderId = orderId }).ResponseAsync);

        // Waited for, it would have been paid by the time of the refusal, which tells its caller it existed.
        Assert.Equal(V1.OrderStatus.Placed, (await OrderOf(orderId)).Status);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task Unknown_orders_and_drivers_are_not_found()
    {
        var orderId = Unique.Id("order");

        await NotFound(() => seeds.Seed003Orders.GetOrderStatusAsync(new GetOrderStatusRequest { OrderId = orderId }).ResponseAsync);
        await NotFound(() => seeds.Seed003Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = orderId }).ResponseAsync);
        await NotFound(() => seeds.Seed003Delivery.AssignDriverAsync(new AssignDriverRequest { OrderId = orderId, DriverId = "d" }).ResponseAsync);
        await NotFound(() => seeds.Seed003Delivery.GetDriverAssignmentsAsync(new GetDriverAssignmentsRequest { DriverId = Unique.Id("driver") }).ResponseAsync);
    }

    [Theory]
    [InlineData("", "pizza", 0.0, "customer_id is required")]
    [InlineData("alice", "", 0.0, "items must not be empty")]
    [InlineData("alice", "pizza,", 0.0, "items[1] is required")]
    [InlineData("alice", "pizza", -1.0, "total_price must be a finite amount, not negative")]
    [InlineData("alice", "pizza", double.PositiveInfinity, "total_price must be a finite amount, not negative")]
    public async Task A_bad_order_is_invalid_argument_naming_the_field_and_changes_nothing(string customerId, string items, double total, string detail)
    {
        var (_, pizza, _, _) = await Restaurant();
        var request = new PlaceOrderRequest { CustomerId = customerId, TotalPrice = total };
        request.Items.AddRange(items.Length == 0 ? [] : items.Split(',').Select(item => item == "pizza" ? pizza : item));

        var refused = await Assert.ThrowsAsync<RpcException>(() => seeds.Seed003Orders.PlaceOrderAsync(request).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, detail), (refused.StatusCode, refused.Status.Detail));
        Assert.Equal(0, (await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = pizza })).Reserved);
    }

    [Fact]
    public async Task A_delivery_status_a_driver_cannot_report_is_invalid_argument()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Report(Unique.Id("order"), "LOST"));

        Assert.Equal((StatusCode.InvalidArgument, "status must be PICKED_UP, OUT_FOR_DELIVERY or DELIVERED"), (refused.StatusCode, refused.Status.Detail));
    }

    /// <summary>A restaurant made by a seed menu, in a zone of its own, with a pizza and a soda ten each.</summary>
    private async Task<(string RestaurantId, string Pizza, string Soda, string Zone)> Restaurant()
    {
        var restaurantId = Unique.Id("restaurant");
        var (pizza, soda, zone) = (Unique.Id("pizza"), Unique.Id("soda"), Unique.Id("zone"));
        await UpdateMenu(restaurantId, Item(pizza, "Pizza", 12.5), Item(soda, "Soda", 2.25));
        await api.Configure(restaurantId, autoAccept: false, prepTime: TimeSpan.FromHours(1), zone);
        await seeds.Stock(pizza, 10);
        await seeds.Stock(soda, 10);
        return (restaurantId, pizza, soda, zone);
    }

    private async Task<string> Place(string productId, string? customerId = null) =>
        (await seeds.Seed003Orders.PlaceOrderAsync(new PlaceOrderRequest { CustomerId = customerId ?? Unique.Id("customer"), Items = { productId } })).OrderId;

    private async Task Accept(string restaurantId, string orderId) =>
        await seeds.Seed003Restaurants.AcceptOrderAsync(new OrderDecisionRequest { RestaurantId = restaurantId, OrderId = orderId });

    private async Task<AssignDriverResponse> Assign(string orderId, string driverId) =>
        await seeds.Seed003Delivery.AssignDriverAsync(new AssignDriverRequest { OrderId = orderId, DriverId = driverId });

    private async Task<V1.Order> OrderOf(string orderId) =>
        await api.Orders.GetOrderAsync(new V1.GetOrderRequest { OrderId = orderId });

    private async Task<CancelOrderResponse> Cancel(string orderId) =>
        await seeds.Seed003Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = orderId });

    private async Task<GetOrderStatusResponse> Status(string orderId) =>
        await seeds.Seed003Orders.GetOrderStatusAsync(new GetOrderStatusRequest { OrderId = orderId });

    private async Task<UpdateDeliveryStatusResponse> Report(string orderId, string status) =>
        await seeds.Seed003Delivery.UpdateDeliveryStatusAsync(new UpdateDeliveryStatusRequest { OrderId = orderId, Status = status });

    private async Task<UpdateMenuResponse> UpdateMenu(string restaurantId, params MenuItem[] items) =>
        await seeds.Seed003Restaurants.UpdateMenuAsync(new UpdateMenuRequest { RestaurantId = restaurantId, Items = { items } });

    private async Task<V1.Product> Product(string productId) =>
        await api.Catalog.GetProductAsync(new V1.GetProductRequest { ProductId = productId });

    private static MenuItem Item(string id, string name, double price, string description = "") =>
        new() { ItemId = id, Name = name, Price = price, Description = description };

    private static async Task NotFound(Func<Task> call) =>
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
}
