using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Orders.V1;

namespace Orders.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GatewayErrorTests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);

    private static async Task<RpcException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    [Theory]
    [InlineData("", "product", 1, "customer_id")]
    [InlineData("alice", "", 1, "lines[0].product_id")]
    [InlineData("alice", "product", 0, "lines[0].quantity")]
    [InlineData("alice", "product", -3, "lines[0].quantity")]
    public async Task Bad_order_input_is_invalid_argument_naming_the_field_and_changes_nothing(
        string customerId, string productName, int quantity, string field)
    {
        var (_, productId) = await api.SeedProduct(stock: 5);
        var orderId = Unique.Id("order");
        var request = Clients.OrderFor(customerId, productName.Length == 0 ? "" : productId, quantity, orderId);

        var error = await Refused(() => api.Orders.CreateOrderAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId })).Reserved);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = orderId }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task An_order_without_lines_is_invalid()
    {
        var error = await Refused(() => api.Orders.CreateOrderAsync(new CreateOrderRequest { CustomerId = "alice" }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "lines must not be empty"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task A_message_past_the_largest_request_is_resource_exhausted_as_documented()
    {
        var request = new CreateOrderRequest { CustomerId = "alice" };
        request.Lines.Add(Enumerable.Repeat(new OrderLineRequest { ProductId = "p", Quantity = 1 }, global::Orders.Gateway.GatewayApp.MaxRequestBytes / 5));

        var error = await Refused(() => api.Orders.CreateOrderAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Bad_inventory_and_catalog_input_is_invalid_argument_naming_the_field()
    {
        var missingId = await Refused(() => api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { Delta = 5 }).ResponseAsync);
        var zeroDelta = await Refused(() => api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = "p", Delta = 0 }).ResponseAsync);
        var noChange = await Refused(() => api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = "p" }).ResponseAsync);
        var negativeVersion = await Refused(() => api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = "p", SetOnHand = 1, ExpectedVersion = -1 }).ResponseAsync);
        var badCurrency = await Refused(() => api.Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = "p", RestaurantId = "r", Name = "Pizza", Price = new V1.Money { MinorUnits = 100, Currency = "euro" },
        }).ResponseAsync);

        Assert.All([missingId, zeroDelta, noChange, negativeVersion, badCurrency], error => Assert.Equal(StatusCode.InvalidArgument, error.StatusCode));
        Assert.StartsWith("product_id", missingId.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("delta", zeroDelta.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("change", noChange.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("expected_version", negativeVersion.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("price.currency", badCurrency.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_stock_at_a_version_it_has_left_is_aborted_and_changes_nothing()
    {
        var (_, productId) = await api.SeedProduct(stock: 5);
        var read = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        await api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = 1 });

        var error = await Refused(() => api.Inventory.UpdateInventoryAsync(
            new UpdateInventoryRequest { ProductId = productId, SetOnHand = 2, ExpectedVersion = read.Version }).ResponseAsync);

        Assert.Equal((StatusCode.Aborted, $"stock is at version {read.Version + 1}, not the expected {read.Version}: read it again"), (error.StatusCode, error.Status.Detail));
        Assert.Equal(6, (await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId })).OnHand);
    }

    [Fact]
    public async Task Lines_of_one_product_whose_quantities_add_up_past_the_limit_are_invalid_and_reserve_nothing()
    {
        var (_, productId) = await api.SeedProduct(stock: 5);
        var request = Clients.OrderFor("alice", productId, 1_000_000);
        request.Lines.Add(new OrderLineRequest { ProductId = productId, Quantity = 1 });

        var error = await Refused(() => api.Orders.CreateOrderAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal($"lines must not ask for more than 1000000 of one product in all ('{productId}' is on several lines)", error.Status.Detail);
        Assert.Equal(0, (await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId })).Reserved);
    }

    [Theory]
    [InlineData(1, -1)]                 // nanos of the other sign: not a normalized duration
    [InlineData(0, 1_000_000_000)]      // nanos out of range
    [InlineData(400_000_000_000, 0)]    // beyond what a duration may hold
    [InlineData(-5, 0)]
    [InlineData(86_401, 0)]
    public async Task A_prep_time_that_is_no_valid_duration_from_zero_to_a_day_is_invalid(long seconds, int nanos)
    {
        var (restaurantId, _) = await api.SeedProduct(stock: 1);

        var error = await Refused(() => api.Restaurants.UpdateRestaurantSettingsAsync(new UpdateRestaurantSettingsRequest
        {
            RestaurantId = restaurantId,
            Settings = new RestaurantSettings { PrepTime = new Duration { Seconds = seconds, Nanos = nanos }, KitchenCapacity = 2 },
        }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "settings.prep_time must be between 0 and 24 hours"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task Settings_without_open_auto_accept_or_zone_are_invalid_and_leave_the_restaurant_as_it_was()
    {
        var (restaurantId, _) = await api.SeedProduct(stock: 1);
        var zone = Unique.Id("zone");
        await api.Configure(restaurantId, autoAccept: true, TimeSpan.FromMinutes(5), zone);
        var paceOnly = new RestaurantSettings { PrepTime = Duration.FromTimeSpan(TimeSpan.FromMinutes(15)), KitchenCapacity = 6, Zone = zone };

        var noOpen = await Refused(() => api.Restaurants.UpdateRestaurantSettingsAsync(new UpdateRestaurantSettingsRequest
        {
            RestaurantId = restaurantId, Settings = new RestaurantSettings(paceOnly) { AutoAccept = true },
        }).ResponseAsync);
        var noAutoAccept = await Refused(() => api.Restaurants.UpdateRestaurantSettingsAsync(new UpdateRestaurantSettingsRequest
        {
            RestaurantId = restaurantId, Settings = new RestaurantSettings(paceOnly) { Open = true },
        }).ResponseAsync);
        var noZone = await Refused(() => api.Restaurants.UpdateRestaurantSettingsAsync(new UpdateRestaurantSettingsRequest
        {
            RestaurantId = restaurantId, Settings = new RestaurantSettings(paceOnly) { Open = true, AutoAccept = true, Zone = "" },
        }).ResponseAsync);
        var kept = (await api.Restaurants.GetRestaurantAsync(new GetRestaurantRequest { RestaurantId = restaurantId })).Settings;

        Assert.Equal((StatusCode.InvalidArgument, "settings.zone is required (\"default\" for the default zone)"), (noZone.StatusCode, noZone.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "settings.open is required (true or false)"), (noOpen.StatusCode, noOpen.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "settings.auto_accept is required (true or false)"), (noAutoAccept.StatusCode, noAutoAccept.Status.Detail));
        Assert.Equal((true, true, TimeSpan.FromMinutes(5), zone), (kept.Open, kept.AutoAccept, kept.PrepTime.ToTimeSpan(), kept.Zone));
    }

    [Fact]
    public async Task A_product_update_without_available_is_invalid_and_leaves_it_on_sale()
    {
        var (_, productId) = await api.SeedProduct(stock: 1, cents: 900);

        var error = await Refused(() => api.Catalog.UpdateProductAsync(new UpdateProductRequest
        {
            ProductId = productId, Name = "Margherita", Price = Clients.Euros(950),
        }).ResponseAsync);
        var kept = await api.Catalog.GetProductAsync(new GetProductRequest { ProductId = productId });

        Assert.Equal((StatusCode.InvalidArgument, "available is required (true or false)"), (error.StatusCode, error.Status.Detail));
        Assert.Equal((true, 900L), (kept.Available, kept.Price.MinorUnits));
    }

    [Fact]
    public async Task An_id_with_a_slash_which_a_json_route_could_not_carry_is_invalid_for_writes_and_reads()
    {
        var (restaurantId, _) = await api.SeedProduct(stock: 1);

        var error = await Refused(() => api.Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = "pizza/large", RestaurantId = restaurantId, Name = "Pizza", Price = Clients.Euros(100), Available = true,
        }).ResponseAsync);
        var lookup = await Refused(() => api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = "pizza/large" }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "product_id must not contain '/'"), (error.StatusCode, error.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "product_id must not contain '/'"), (lookup.StatusCode, lookup.Status.Detail));
    }

    [Fact]
    public async Task An_id_with_control_or_format_characters_is_invalid_for_writes_and_reads()
    {
        var (restaurantId, _) = await api.SeedProduct(stock: 1);
        var hidden = "pizza​margherita";     // a zero-width space: looks like "pizzamargherita"

        var error = await Refused(() => api.Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = hidden, RestaurantId = restaurantId, Name = "Pizza", Price = new V1.Money { MinorUnits = 100, Currency = "EUR" },
        }).ResponseAsync);
        var lookup = await Refused(() => api.Catalog.GetProductAsync(new GetProductRequest { ProductId = hidden }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "product_id must not contain control or format characters"), (error.StatusCode, error.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, lookup.StatusCode);
    }

    [Theory]
    [InlineData(" p1")]
    [InlineData("p1 ")]
    [InlineData("p1\u00A0")]     // a no-break space
    public async Task An_id_that_starts_or_ends_with_a_space_is_invalid(string productId)
    {
        var (restaurantId, _) = await api.SeedProduct(stock: 1);

        var error = await Refused(() => api.Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = productId, RestaurantId = restaurantId, Name = "Pizza", Price = new V1.Money { MinorUnits = 100, Currency = "EUR" },
        }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "product_id must not start or end with a space"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task Text_with_control_or_format_characters_is_invalid_but_a_description_may_break_lines_and_joiners_join()
    {
        var (restaurantId, _) = await api.SeedProduct(stock: 1);
        CreateProductRequest Product(string name, string description) => new()
        {
            ProductId = Unique.Id("product"), RestaurantId = restaurantId, Name = name, Description = description,
            Price = new V1.Money { MinorUnits = 100, Currency = "EUR" }, Available = true,
        };

        var escaped = await Refused(() => api.Catalog.CreateProductAsync(Product("Pizza", "thin \u001b[31mcrust")).ResponseAsync);
        var reversed = await Refused(() => api.Catalog.CreateProductAsync(Product("Pizza \u202Eazzip", "thin crust")).ResponseAsync);
        var twoLineName = await Refused(() => api.Catalog.CreateProductAsync(Product("Pizza\nFree", "thin crust")).ResponseAsync);
        var separatedName = await Refused(() => api.Catalog.CreateProductAsync(Product("Pizza\u2028Free", "thin crust")).ResponseAsync);
        var invisibleName = await Refused(() => api.Catalog.CreateProductAsync(Product(" \u200D ", "thin crust")).ResponseAsync);
        var multiline = await api.Catalog.CreateProductAsync(Product("Pizza", "thin crust\nbaked in a wood oven"));
        // Zero-width joiners belong to what they join: a chef emoji, a Persian word.
        var joined = await api.Catalog.CreateProductAsync(Product("Chef's pizza \U0001F468\u200D\U0001F373", "\u0646\u0627\u0646\u200C\u0647\u0627"));

        Assert.All([escaped, reversed, twoLineName, separatedName], error => Assert.Equal(StatusCode.InvalidArgument, error.StatusCode));
        Assert.StartsWith("description must not contain control or format characters", escaped.Status.Detail, StringComparison.Ordinal);
        Assert.All([reversed, twoLineName, separatedName], error => Assert.Equal("name must not contain control or format characters", error.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "name is required"), (invisibleName.StatusCode, invisibleName.Status.Detail));
        Assert.Equal("thin crust\nbaked in a wood oven", multiline.Description);
        Assert.Equal(("Chef's pizza \U0001F468\u200D\U0001F373", "\u0646\u0627\u0646\u200C\u0647\u0627"), (joined.Name, joined.Description));
    }

    [Fact]
    public async Task Assigning_a_driver_to_an_order_that_does_not_exist_is_not_found()
    {
        var driverId = await api.DriverOnDuty(Unique.Id("zone"));
        var orderId = Unique.Id("order");

        var error = await Refused(() => api.Delivery.AssignDriverAsync(new AssignDriverRequest { OrderId = orderId, DriverId = driverId }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, $"order '{orderId}' not found"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task Unknown_entities_are_not_found()
    {
        var product = await Refused(() => api.Orders.CreateOrderAsync(Clients.OrderFor("alice", Unique.Id("product"), 1)).ResponseAsync);
        var order = await Refused(() => api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = Unique.Id("order") }).ResponseAsync);
        var stock = await Refused(() => api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = Unique.Id("product") }).ResponseAsync);
        var restaurant = await Refused(() => api.Restaurants.GetRestaurantAsync(new GetRestaurantRequest { RestaurantId = Unique.Id("restaurant") }).ResponseAsync);

        Assert.All([product, order, stock, restaurant], error => Assert.Equal(StatusCode.NotFound, error.StatusCode));
        Assert.StartsWith("unknown product", product.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insufficient_stock_is_failed_precondition_naming_the_short_line()
    {
        var (_, productId) = await api.SeedProduct(stock: 1);

        var error = await Refused(() => api.Orders.CreateOrderAsync(Clients.OrderFor("alice", productId, 2)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains($"{productId} (asked 2, available 1)", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId })).Reserved);
    }

    [Fact]
    public async Task A_refusal_of_many_ids_names_a_few_and_counts_the_rest()
    {
        var (restaurantId, productId) = await api.SeedProduct(stock: 0);
        // Outside ASCII, a character takes up to nine bytes of the trailer the message travels in.
        var unknown = Enumerable.Range(0, 1000).Select(index => $"{index:D4}{new string('製', 96)}").ToList();
        var menu = new SetMenuRequest { RestaurantId = restaurantId };
        menu.ProductIds.AddRange(unknown);

        var error = await Refused(() => api.Restaurants.SetMenuAsync(menu).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal($"unknown product: {string.Join(", ", unknown.Take(5))} and 995 more", error.Status.Detail);
        Assert.Equal([productId], (await api.Restaurants.GetRestaurantAsync(new GetRestaurantRequest { RestaurantId = restaurantId })).MenuProductIds);
    }

    [Fact]
    public async Task A_product_past_the_most_a_menu_lists_is_refused_and_not_created()
    {
        const int menuSize = Orders.Grains.Restaurants.RestaurantDetails.MaxMenuSize;
        var (restaurantId, _) = await api.SeedProduct(stock: 0);
        await Parallel.ForEachAsync(Enumerable.Range(1, menuSize - 1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (index, cancel) =>
            await api.Catalog.CreateProductAsync(Product(restaurantId, $"{restaurantId}-{index}"), cancellationToken: cancel));
        var extra = $"{restaurantId}-extra";

        var error = await Refused(() => api.Catalog.CreateProductAsync(Product(restaurantId, extra)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => api.Catalog.GetProductAsync(new GetProductRequest { ProductId = extra }).ResponseAsync)).StatusCode);
        Assert.Equal(menuSize, (await api.Restaurants.GetRestaurantAsync(new GetRestaurantRequest { RestaurantId = restaurantId })).MenuProductIds.Count);
    }

    [Fact]
    public async Task Stocking_a_product_that_does_not_exist_is_not_found_and_records_nothing()
    {
        var productId = Unique.Id("product");

        var error = await Refused(() => api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = 5 }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, $"product '{productId}' not found"), (error.StatusCode, error.Status.Detail));
        Assert.Equal(StatusCode.NotFound, (await Refused(() => api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task A_delta_met_by_an_outage_is_unavailable_saying_to_read_the_stock_before_sending_it_again()
    {
        var (_, productId) = await api.SeedProduct(stock: 3);
        InjectedFaults.Instance.FailNextCall(nameof(Orders.Grains.Inventory.IInventoryGrain.Adjust), productId, new TimeoutException("no answer in time"));

        var error = await Refused(() => api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = 5 }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith(
            $"the order service is temporarily unavailable; the stock of product '{productId}' may have been changed all the same: read it before sending the change again",
            error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_more_stock_than_is_free_is_failed_precondition()
    {
        var (_, productId) = await api.SeedProduct(stock: 3);
        await api.Orders.CreateOrderAsync(Clients.OrderFor("alice", productId, 2));

        var error = await Refused(() => api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = -2 }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(3, (await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId })).OnHand);
    }

    [Fact]
    public async Task A_retried_create_places_nothing_again_and_other_content_already_exists()
    {
        var (_, productId) = await api.SeedProduct(stock: 10);
        var orderId = Unique.Id("client-order");

        var first = await api.Orders.CreateOrderAsync(Clients.OrderFor("alice", productId, 2, orderId));
        var retry = await api.Orders.CreateOrderAsync(Clients.OrderFor("alice", productId, 2, orderId));
        var conflict = await Refused(() => api.Orders.CreateOrderAsync(Clients.OrderFor("alice", productId, 3, orderId)).ResponseAsync);

        Assert.Equal(orderId, first.OrderId);
        // The payment may land between the two calls, so the retry may see the order moved on.
        Assert.Equal((first.OrderId, first.Lines, first.Total, first.History[0]), (retry.OrderId, retry.Lines, retry.Total, retry.History[0]));
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);
        Assert.Equal(2, (await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId })).Reserved);
    }

    private static CreateProductRequest Product(string restaurantId, string productId) => new()
    {
        ProductId = productId, RestaurantId = restaurantId, Name = "Margherita", Price = Clients.Euros(900), Available = true,
    };
}
