using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Orders.Gateway;
using Orders.Gateway.Access;
using Orders.Gateway.Watching;
using Orders.Tests.Gateway.Seeds;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>A gateway with access control on: a valid token is needed, and it acts only for whom its subject names.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayAccessTests(GatewayFixture fixture) : IAsyncLifetime
{
    private WebApplication gateway = null!;
    private readonly List<GrpcChannel> channels = [];

    public async Task InitializeAsync() => gateway = await fixture.StartOwnGateway(Tokens.GatewaySettings());

    public async Task DisposeAsync()
    {
        foreach (var channel in channels)
            channel.Dispose();
        await gateway.StopAsync();
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task A_call_without_a_valid_token_is_unauthenticated_and_the_health_check_stays_open()
    {
        var anonymous = new Clients(Channel(token: null));
        var forged = As(Tokens.For(Roles.Admin, "root", signingKey: "someone else's key, also 32 bytes long"));
        // Past the clock skew allowed, well inside the five minutes the handler allows by default.
        var expired = As(Tokens.For(Roles.Admin, "root", expires: DateTime.UtcNow.AddMinutes(-2)));
        var elsewhere = As(Tokens.For(Roles.Admin, "root", audience: "another-application"));

        foreach (var caller in new[] { anonymous, forged, expired, elsewhere })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() =>
                caller.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = "p" }).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }
        var health = await new Health.HealthClient(Channel(token: null)).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task A_customer_orders_reads_cancels_and_lists_for_itself_alone()
    {
        var (_, productId) = await As(Roles.Admin, "root").SeedProduct(stock: 5);
        var (aliceId, bobId) = (Unique.Id("alice"), Unique.Id("bob"));
        var (alice, bob) = (As(Roles.Customer, aliceId), As(Roles.Customer, bobId));

        var placed = await alice.Orders.CreateOrderAsync(Clients.OrderFor(aliceId, productId, 1));
        await Denied(() => alice.Orders.CreateOrderAsync(Clients.OrderFor(bobId, productId, 1)).ResponseAsync);
        await Denied(() => bob.Orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId }).ResponseAsync);
        await Denied(() => bob.Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId }).ResponseAsync);
        await Denied(() => bob.Orders.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = aliceId }).ResponseAsync);
        await Denied(() => bob.Notifications.ListNotificationsAsync(new ListNotificationsRequest { CustomerId = aliceId }).ResponseAsync);
        await Denied(() => ReadFirst(bob.Orders.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId })));
        await Denied(() => As(Roles.Customer, "").Orders.CreateOrderAsync(Clients.OrderFor(aliceId, productId, 1)).ResponseAsync);
        await Denied(() => As("", aliceId).Orders.CreateOrderAsync(Clients.OrderFor(aliceId, productId, 1)).ResponseAsync);
        await Denied(() => new SeedClients(Channel(Tokens.For(Roles.Customer, bobId))).Seed003Orders.PlaceOrderAsync(
            new() { CustomerId = aliceId, Items = { productId } }).ResponseAsync);
        // Whichever customer the filter names, Bob learns no more than that the order is not his.
        foreach (var filter in (string[])["", aliceId, "carol"])
        {
            await Denied(() => new SeedClients(Channel(Tokens.For(Roles.Customer, bobId))).Seed004Orders.GetOrderAsync(
                new() { OrderID = placed.OrderId, CustomerID = filter }).ResponseAsync);
        }
        var read = await alice.Orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId });
        var listed = await alice.Orders.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = aliceId });

        Assert.Equal(OrderStatus.Paid, read.Status);
        Assert.Equal(placed.OrderId, Assert.Single(listed.Orders).OrderId);
        var stock = await As(Roles.Admin, "root").Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        Assert.Equal(1, stock.Reserved);
    }

    [Fact]
    public async Task A_watch_ends_unauthenticated_when_its_token_expires()
    {
        var (_, productId) = await As(Roles.Admin, "root").SeedProduct(stock: 5);
        var customer = Unique.Id("customer");
        var placed = await As(Roles.Customer, customer).Orders.CreateOrderAsync(Clients.OrderFor(customer, productId, 1));
        // Expired, but within the clock skew the gateway allows for eight seconds more.
        var expiring = As(Tokens.For(Roles.Customer, customer, expires: DateTime.UtcNow - AccessOptions.ClockSkew + TimeSpan.FromSeconds(8)));

        using var watch = expiring.Orders.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId });
        var first = await watch.Next();
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.Next());

        Assert.Equal(OrderStatus.Paid, first.Change.Status);
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("token is no longer accepted", ended.Status.Detail);
    }

    [Fact]
    public async Task One_party_to_an_order_cannot_take_every_watch_of_it_from_the_others()
    {
        var (restaurantId, productId) = await As(Roles.Admin, "root").SeedProduct(stock: 5);
        var customer = Unique.Id("customer");
        var placed = await As(Roles.Customer, customer).Orders.CreateOrderAsync(Clients.OrderFor(customer, productId, 1));
        var restaurant = As(Roles.Restaurant, restaurantId);
        var held = new List<AsyncServerStreamingCall<OrderUpdate>>();
        try
        {
            for (var index = 0; index < CallerWatches.MostPerOrder; index++)
            {
                held.Add(restaurant.Orders.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId }));
                await held[^1].Next();
            }

            using var oneMore = restaurant.Orders.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId });
            var refused = await Assert.ThrowsAsync<RpcException>(() => oneMore.Next());
            using var customersWatch = As(Roles.Customer, customer).Orders.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId });
            var first = await customersWatch.Next();

            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            Assert.Equal(placed.OrderId, first.Order.OrderId);
        }
        finally
        {
            foreach (var watch in held)
                watch.Dispose();
        }
    }

    [Fact]
    public async Task A_restaurant_runs_its_own_menu_stock_and_orders_and_no_one_else_s()
    {
        var restaurantId = Unique.Id("restaurant");
        var productId = Unique.Id("product");
        var owner = As(Roles.Restaurant, restaurantId);
        var (otherRestaurant, otherProduct) = await As(Roles.Admin, "root").SeedProduct(stock: 1);

        await owner.Restaurants.CreateRestaurantAsync(new CreateRestaurantRequest { RestaurantId = restaurantId, Name = "Own", Address = "" });
        await owner.Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = productId, RestaurantId = restaurantId, Name = "Soup", Price = Clients.Euros(500), Available = true,
        });
        await owner.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = 3 });
        var customerId = Unique.Id("customer");
        var placed = await As(Roles.Customer, customerId).Orders.CreateOrderAsync(Clients.OrderFor(customerId, productId, 1));
        var seen = await owner.Orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId });
        // The charge is the customer's business: the restaurant reads the order, not its payment.
        await Denied(() => owner.Orders.GetPaymentAsync(new GetPaymentRequest { OrderId = placed.OrderId }).ResponseAsync);
        await Denied(() => owner.Restaurants.SetMenuAsync(new SetMenuRequest { RestaurantId = otherRestaurant }).ResponseAsync);
        await Denied(() => As(Roles.Courier, Unique.Id("driver")).Delivery.UpdateDeliveryStatusAsync(
            new UpdateDeliveryStatusRequest { OrderId = placed.OrderId, Status = DeliveryStatus.PickedUp }).ResponseAsync);
        await Denied(() => owner.Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = Unique.Id("product"), RestaurantId = otherRestaurant, Name = "Soup", Price = Clients.Euros(500), Available = true,
        }).ResponseAsync);
        await Denied(() => owner.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = otherProduct, Delta = 5 }).ResponseAsync);
        await Denied(() => owner.Restaurants.AcceptOrderAsync(new RestaurantOrderRequest { RestaurantId = otherRestaurant, OrderId = placed.OrderId }).ResponseAsync);

        Assert.Equal(restaurantId, seen.RestaurantId);
        var otherStock = await owner.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = otherProduct });
        Assert.Equal(1, otherStock.OnHand);
    }

    [Fact]
    public async Task A_courier_registers_and_works_as_itself_alone()
    {
        var driverId = Unique.Id("driver");
        var courier = As(Roles.Courier, driverId);

        var registered = await courier.Delivery.RegisterDriverAsync(new RegisterDriverRequest { DriverId = driverId, Name = "Dana" });
        await Denied(() => courier.Delivery.RegisterDriverAsync(new RegisterDriverRequest { DriverId = Unique.Id("driver"), Name = "Eve" }).ResponseAsync);
        await Denied(() => As(Roles.Customer, driverId).Delivery.SetDriverOnDutyAsync(new SetDriverOnDutyRequest { DriverId = driverId, OnDuty = true }).ResponseAsync);

        Assert.Equal((driverId, false), (registered.DriverId, registered.OnDuty));
    }

    [Fact]
    public async Task A_token_the_gateway_s_own_command_prints_is_taken()
    {
        var customerId = Unique.Id("customer");
        using var output = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Tokens.GatewaySettings()).Build();

        var exit = TokenCommand.Run(["--role", Roles.Customer, "--subject", customerId, "--hours", "1"], configuration, output, TextWriter.Null);
        var customer = As(output.ToString().Trim());

        Assert.Equal(0, exit);
        Assert.Empty((await customer.Orders.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = customerId })).Orders);
        await Denied(() => customer.Orders.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = Unique.Id("customer") }).ResponseAsync);
    }

    [Fact]
    public async Task The_load_generator_s_calls_carry_the_token_it_is_given()
    {
        var target = new Uri(gateway.GrpcAddresses()[0]);
        using var withToken = new Orders.Bench.Api([target], connections: 1, Tokens.For(Roles.Admin, "bench"));
        using var without = new Orders.Bench.Api([target], connections: 1);

        var admitted = await Assert.ThrowsAsync<RpcException>(() => withToken.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = "nothing" }).ResponseAsync);
        var refused = await Assert.ThrowsAsync<RpcException>(() => without.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = "nothing" }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, StatusCode.Unauthenticated), (admitted.StatusCode, refused.StatusCode));
    }

    [Fact]
    public async Task Json_calls_need_the_same_token()
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway.JsonAddresses()[0]) };

        using var anonymous = await http.GetAsync("/v1/products/nothing/stock");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(Roles.Admin, "root"));
        using var admitted = await http.GetAsync("/v1/products/nothing/stock");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound), (anonymous.StatusCode, admitted.StatusCode));
    }

    private Clients As(string role, string subject) => As(Tokens.For(role, subject));

    private Clients As(string token) => new(Channel(token));

    /// <summary>A channel to this test's gateway whose every call carries <paramref name="token"/>.</summary>
    private GrpcChannel Channel(string? token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null)
                metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        var channel = GrpcChannel.ForAddress(gateway.GrpcAddresses()[0], new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        channels.Add(channel);
        return channel;
    }

    private static async Task ReadFirst(AsyncServerStreamingCall<OrderUpdate> watch)
    {
        using (watch)
            await watch.ResponseStream.MoveNext(CancellationToken.None);
    }

    private static async Task Denied(Func<Task> call) =>
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
}
