using Grpc.Core;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>A customer's orders and inbox and a driver's assignments, a page at a time, oldest first; a restaurant's products by id.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayPagingTests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);

    [Fact]
    public async Task A_customers_orders_and_inbox_come_a_page_at_a_time_each_entry_once()
    {
        var (_, productId) = await api.SeedProduct(stock: 10);
        var customerId = Unique.Id("customer");
        var placed = new List<string>();
        for (var index = 0; index < 5; index++)
            placed.Add((await api.Orders.CreateOrderAsync(Clients.OrderFor(customerId, productId, 1))).OrderId);

        var orders = await All(async token =>
        {
            var page = await api.Orders.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = customerId, PageSize = 2, PageToken = token });
            return (page.Orders.Select(order => order.OrderId).ToList(), page.NextPageToken);
        });
        var notifications = (await All(async token =>
        {
            var page = await api.Notifications.ListNotificationsAsync(new ListNotificationsRequest { CustomerId = customerId, PageSize = 3, PageToken = token });
            return (page.Notifications.Select(notification => notification.NotificationId).ToList(), page.NextPageToken);
        })).SelectMany(page => page).ToList();
        // Read after the pages: a step the orders took meanwhile joins the inbox at its end.
        var whole = await api.Notifications.ListNotificationsAsync(new ListNotificationsRequest { CustomerId = customerId });

        Assert.Equal([2, 2, 1], orders.Select(page => page.Count));
        Assert.Equal(placed, orders.SelectMany(page => page));
        Assert.True(notifications.Count >= 10, $"{notifications.Count} notifications for five paid orders");
        Assert.Equal(whole.Notifications.Take(notifications.Count).Select(notification => notification.NotificationId), notifications);
        Assert.Equal("", whole.NextPageToken);
    }

    [Fact]
    public async Task A_drivers_assignments_come_a_page_at_a_time()
    {
        var zone = Unique.Id("zone");
        var (restaurantId, productId) = await api.SeedProduct(stock: 10);
        await api.Configure(restaurantId, autoAccept: true, TimeSpan.Zero, zone);
        var driverId = await api.DriverOnDuty(zone);
        var delivered = new List<string>();
        for (var index = 0; index < 3; index++)
        {
            var created = await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, 1));
            await api.Until(created.OrderId, OrderStatus.Ready, order => order.DriverId == driverId);
            await api.Deliver(created.OrderId);
            delivered.Add(created.OrderId);
        }
        await Eventually.Until(
            async () => await api.Delivery.GetDriverAssignmentsAsync(new GetDriverAssignmentsRequest { DriverId = driverId }),
            found => found.Assignments.Count == 3 && found.Assignments.All(assignment => assignment.Status == DeliveryStatus.Delivered));

        var pages = await All(async token =>
        {
            var page = await api.Delivery.GetDriverAssignmentsAsync(new GetDriverAssignmentsRequest { DriverId = driverId, PageSize = 2, PageToken = token });
            return (page.Assignments.Select(assignment => assignment.OrderId).ToList(), page.NextPageToken);
        });

        Assert.Equal([2, 1], pages.Select(page => page.Count));
        Assert.Equal(delivered, pages.SelectMany(page => page));
    }

    [Fact]
    public async Task A_restaurants_products_come_a_page_at_a_time_by_id_whatever_its_menu_does_meanwhile()
    {
        var (restaurantId, first) = await api.SeedProduct(stock: 0);
        var products = new List<string> { first };
        for (var index = 0; index < 4; index++)
        {
            var productId = Unique.Id("product");
            await api.Catalog.CreateProductAsync(new CreateProductRequest
            {
                ProductId = productId, RestaurantId = restaurantId, Name = "Soup", Price = Clients.Euros(500), Available = true,
            });
            products.Add(productId);
        }

        var pages = await All(async token =>
        {
            var page = await api.Catalog.ListRestaurantProductsAsync(new ListRestaurantProductsRequest { RestaurantId = restaurantId, PageSize = 2, PageToken = token });
            // Taken off the menu between pages, a product keeps its place.
            await api.Restaurants.SetMenuAsync(new SetMenuRequest { RestaurantId = restaurantId, ProductIds = { products.Skip(products.Count - 2) } });
            return (page.Products.Select(product => product.ProductId).ToList(), page.NextPageToken);
        });

        Assert.Equal([2, 2, 1], pages.Select(page => page.Count));
        Assert.Equal(products.Order(StringComparer.Ordinal), pages.SelectMany(page => page));
    }

    [Theory]
    [InlineData(-1, "", "page_size must not be negative")]
    [InlineData(1_001, "", "page_size must be at most 1000")]
    [InlineData(0, "not a token", "page_token is not a token this list gave")]
    [InlineData(0, "YWZ0ZXI6LTE=", "page_token is not a token this list gave")]   // "after:-1"
    public async Task A_page_size_out_of_range_or_a_token_no_list_gave_is_refused_with_its_field_named(int pageSize, string pageToken, string detail)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await api.Orders.ListCustomerOrdersAsync(
            new ListCustomerOrdersRequest { CustomerId = Unique.Id("customer"), PageSize = pageSize, PageToken = pageToken }));

        Assert.Equal((StatusCode.InvalidArgument, detail), (refused.StatusCode, refused.Status.Detail));
    }

    /// <summary>Every page, following each answer's token until one gives none.</summary>
    private static async Task<List<List<string>>> All(Func<string, Task<(List<string> Entries, string Next)>> read)
    {
        var pages = new List<List<string>>();
        var token = "";
        do
        {
            (var entries, token) = await read(token);
            pages.Add(entries);
        }
        while (token.Length > 0);
        return pages;
    }
}
